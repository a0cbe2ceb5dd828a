/**
 * The checksums S3 computes and checks: CRC32, CRC32C, CRC64NVME (our own table-driven implementation,
 * so no native CRT library is needed), SHA-1 and SHA-256.
 */
package io.lakelet.s3.checksum;
