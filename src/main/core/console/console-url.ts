// The AWS console sign-in URL of a role session: the partition's federation endpoint and console
// host, the destination (a service page in a region), and the login URL around a SigninToken.

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

interface PartitionHosts {
  signin: string;
  console: string;
}

const PARTITIONS: Record<Partition, PartitionHosts> = {
  aws: { signin: 'https://signin.aws.amazon.com/federation', console: 'https://console.aws.amazon.com' },
  'aws-cn': { signin: 'https://signin.amazonaws.cn/federation', console: 'https://console.amazonaws.cn' },
  'aws-us-gov': { signin: 'https://signin.amazonaws-us-gov.com/federation', console: 'https://console.amazonaws-us-gov.com' },
};

/** The partition of a role ARN (`arn:aws-cn:…`), else of the region (`cn-north-1`, `us-gov-west-1`), else `aws`. */
export function partitionOf(roleArn: string | null, region: string | null): Partition {
  const fromArn = roleArn?.split(':')[1];
  if (fromArn === 'aws' || fromArn === 'aws-cn' || fromArn === 'aws-us-gov') return fromArn;
  if (region?.startsWith('cn-')) return 'aws-cn';
  if (region?.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function federationEndpoint(partition: Partition, override?: string): string {
  return override && override !== '' ? override : PARTITIONS[partition].signin;
}

const SERVICE = /^[a-z0-9][a-z0-9-]{0,62}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function isConsoleService(value: string): boolean {
  return SERVICE.test(value);
}

export function isRegionName(value: string): boolean {
  return REGION.test(value);
}

/** The console page to land on: the service's home in the region, or the console home. */
export function consoleDestination(partition: Partition, options: { service?: string; region?: string | null }): string {
  const base = PARTITIONS[partition].console;
  const page = `${base}/${options.service ?? 'console'}/home`;
  return options.region ? `${page}?region=${encodeURIComponent(options.region)}` : `${page}`;
}

/** The login URL: always the real partition's sign-in host, whatever endpoint issued the token. */
export function consoleLoginUrl(partition: Partition, signinToken: string, destination: string): string {
  const url = new URL(PARTITIONS[partition].signin);
  url.searchParams.set('Action', 'login');
  url.searchParams.set('Issuer', 'rolekeeper');
  url.searchParams.set('Destination', destination);
  url.searchParams.set('SigninToken', signinToken);
  return url.href;
}
