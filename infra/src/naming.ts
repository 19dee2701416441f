/** The value of an image-tag parameter before the service's first image has been released. */
export const BOOTSTRAP_IMAGE_TAG = 'bootstrap';

/** The Amazon-provided DNS resolver, reachable from every VPC at this link-local address. */
export const VPC_DNS_RESOLVER = '169.254.169.253';
