import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environment-config';
import { ReleasedFargateService } from '../constructs/released-fargate-service';
import { BACKEND_PORT, FRONTEND_PORT, VPC_DNS_RESOLVER, names } from '../naming';

export interface FrontendStackProps extends StackProps {
  readonly config: EnvironmentConfig;
  readonly cluster: ecs.ICluster;
}

/** Where nginx keeps its pid file and temp paths: the root filesystem is read-only. */
const NGINX_RUNTIME_DIR = '/tmp/nginx';

/** The public entry: a load balancer in front of nginx, which serves the site and proxies `/api/`. */
export class FrontendStack extends Stack {
  public readonly service: ReleasedFargateService;
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  /** Open to the internet on the listener ports; reaches nothing but nginx. */
  public readonly loadBalancerSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: FrontendStackProps) {
    super(scope, id, props);
    const { config, cluster } = props;

    this.service = new ReleasedFargateService(this, 'Frontend', {
      config,
      service: 'frontend',
      cluster,
      containerPort: FRONTEND_PORT,
      // The `nginx` user of the official nginx images.
      user: '101:101',
      environment: {
        LISTEN_PORT: String(FRONTEND_PORT),
        API_UPSTREAM: `backend.${names.namespace(config.name)}:${BACKEND_PORT}`,
        DNS_RESOLVER: VPC_DNS_RESOLVER,
        NGINX_RUNTIME_DIR,
      },
      writablePaths: ['/tmp'],
    });
    const tasks = this.service.securityGroup;

    this.loadBalancerSecurityGroup = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc: cluster.vpc,
      description: `${config.name} public load balancer`,
      allowAllOutbound: false,
    });
    const albSecurityGroup = this.loadBalancerSecurityGroup;
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      loadBalancerName: names.loadBalancer(config.name),
      vpc: cluster.vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroup: albSecurityGroup,
      dropInvalidHeaderFields: true,
    });
    tasks.addIngressRule(albSecurityGroup, ec2.Port.tcp(FRONTEND_PORT), 'load balancer to nginx');
    albSecurityGroup.addEgressRule(tasks, ec2.Port.tcp(FRONTEND_PORT), 'load balancer to nginx');

    const targets = {
      targetGroupName: names.loadBalancer(config.name),
      port: FRONTEND_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [this.service.service],
      deregistrationDelay: Duration.seconds(30),
      healthCheck: { path: '/healthz', healthyHttpCodes: '200', interval: Duration.seconds(15), healthyThresholdCount: 2 },
    };
    if (config.certificateArn) {
      albSecurityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from anywhere');
      albSecurityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP from anywhere, redirected');
      const https = this.loadBalancer.addListener('Https', {
        port: 443,
        protocol: elbv2.ApplicationProtocol.HTTPS,
        certificates: [acm.Certificate.fromCertificateArn(this, 'Certificate', config.certificateArn)],
        sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
        open: false,
      });
      https.addTargets('Nginx', targets);
      this.loadBalancer.addRedirect({ sourcePort: 80, targetPort: 443, open: false });
    } else {
      albSecurityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP from anywhere');
      this.loadBalancer.addListener('Http', { port: 80, open: false }).addTargets('Nginx', targets);
    }

    new CfnOutput(this, 'Url', {
      value: `${config.certificateArn ? 'https' : 'http'}://${this.loadBalancer.loadBalancerDnsName}`,
    });
  }
}
