import { CfnOutput, Duration, type Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { EnvironmentConfig } from '../config/environment-config';
import type { ReleasedFargateService } from '../constructs/released-fargate-service';
import { names } from '../naming';

export interface PublicLoadBalancer {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  /** Open to the internet on the listener ports; reaches nothing but the service's tasks. */
  readonly securityGroup: ec2.SecurityGroup;
}

/** The public entry: an internet-facing load balancer in front of `service` (the site's nginx). */
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

  const targets = {
    targetGroupName: names.loadBalancer(config.name),
    port,
    protocol: elbv2.ApplicationProtocol.HTTP,
    targets: [service.service],
    deregistrationDelay: Duration.seconds(30),
    healthCheck: { path: '/healthz', healthyHttpCodes: '200', interval: Duration.seconds(15), healthyThresholdCount: 2 },
  };
  if (config.certificateArn) {
    securityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from anywhere');
    securityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP from anywhere, redirected');
    const https = loadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [acm.Certificate.fromCertificateArn(stack, 'Certificate', config.certificateArn)],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      open: false,
    });
    https.addTargets('Nginx', targets);
    loadBalancer.addRedirect({ sourcePort: 80, targetPort: 443, open: false });
  } else {
    securityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP from anywhere');
    loadBalancer.addListener('Http', { port: 80, open: false }).addTargets('Nginx', targets);
  }

  new CfnOutput(stack, 'Url', { value: `${config.certificateArn ? 'https' : 'http'}://${loadBalancer.loadBalancerDnsName}` });
  return { loadBalancer, securityGroup };
}
