/**
 * The local test images the e2e suite builds before any test runs (see
 * ../support/images.ts): static busybox with a link per applet, `/data`
 * owned by 10001:10001. They differ only in `/etc/image-version`.
 */
export const IMAGE_V1 = 'conductor-test/busybox:1';
export const IMAGE_V2 = 'conductor-test/busybox:2';
