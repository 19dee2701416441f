import { CfnOutput, Duration, type Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { EnvironmentConfig } from '../config/environment-config';
import type { ReleasedFargateService } from '../constructs/released-fargate-service';
import { names } from '@todo/service-registry';

export interface PublicLoadBalancer {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  /** Open to the internet on the listener ports; reaches nothing but the service's tasks. */
  readonly securityGroup: ec2.SecurityGroup;
}

/** Anything the site rule does not take (nothing today: it takes every path). */
const notFound = elbv2.ListenerAction.fixedResponse(404, { contentType: 'text/plain', messageBody: 'Not found' });

/**
 * The public entry: an internet-facing load balancer in front of `service` (the site's nginx), with
 * the idle target group and weighted rule ECS's canary deployments shift traffic with.
 */
export function addPublicLoadBalancer(stack: Stack, config: EnvironmentConfig, service: ReleasedFargateService, port: number): PublicLoadBalancer {
  const { vpc } = service.service.cluster;
  const tasks = service.securityGroup;
  const securityGroup = new ec2.SecurityGroup(stack, 'LoadBalancerSecurityGroup', {
    vpc,
    description: `${config.name} public load balancer`,
    allowAllOutbound: false,
  });
  const loadBalancer = new elbv2.ApplicationLoadBalancer(stack, 'LoadBalancer', {
    loadBalancerName: names.loadBalancer(config.name),
    vpc,
    internetFacing: true,
    vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
    securityGroup,
    dropInvalidHeaderFields: true,
  });
  tasks.addIngressRule(securityGroup, ec2.Port.tcp(port), 'load balancer to nginx');
  securityGroup.addEgressRule(tasks, ec2.Port.tcp(port), 'load balancer to nginx');

  // Two target groups, weighted behind one listener rule: ECS's canary deployment registers the new
  // tasks in the idle group, shifts the configured share of traffic to it, bakes, then shifts the rest.
  const targetGroup = (id: string, name: string) =>
    new elbv2.ApplicationTargetGroup(stack, id, {
      targetGroupName: name,
      vpc,
      port,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: elbv2.TargetType.IP,
      deregistrationDelay: Duration.seconds(30),
      healthCheck: { path: '/healthz', healthyHttpCodes: '200', interval: Duration.seconds(15), healthyThresholdCount: 2 },
    });
  const primary = targetGroup('Primary', names.primaryTargetGroup(config.name));
  const alternate = targetGroup('Alternate', names.alternateTargetGroup(config.name));

  let listener: elbv2.ApplicationListener;
  if (config.certificateArn) {
    securityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from anywhere');
    securityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP from anywhere, redirected');
    listener = loadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [acm.Certificate.fromCertificateArn(stack, 'Certificate', config.certificateArn)],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      open: false,
      defaultAction: notFound,
    });
    loadBalancer.addRedirect({ sourcePort: 80, targetPort: 443, open: false });
  } else {
    securityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP from anywhere');
    listener = loadBalancer.addListener('Http', { port: 80, open: false, defaultAction: notFound });
  }
  // ECS moves the weights of this rule during a deployment; CloudFormation sets them only at creation.
  const siteRule = new elbv2.ApplicationListenerRule(stack, 'SiteRule', {
    listener,
    priority: 1,
    conditions: [elbv2.ListenerCondition.pathPatterns(['/*'])],
    action: elbv2.ListenerAction.weightedForward([
      { targetGroup: primary, weight: 100 },
      { targetGroup: alternate, weight: 0 },
    ]),
  });
  service.service
    .loadBalancerTarget({
      containerName: service.container.containerName,
      containerPort: port,
      alternateTarget: new ecs.AlternateTarget('Alternate', {
        alternateTargetGroup: alternate,
        productionListener: ecs.ListenerRuleConfiguration.applicationListenerRule(siteRule),
      }),
    })
    .attachToApplicationTargetGroup(primary);

  new CfnOutput(stack, 'Url', { value: `${config.certificateArn ? 'https' : 'http'}://${loadBalancer.loadBalancerDnsName}` });
  return { loadBalancer, securityGroup };
}
