package io.lakelet.s3.checksum;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** The flexible checksum algorithms of S3, each with its header name and digest length in bytes. */
public enum ChecksumAlgorithm {
    CRC32(4), CRC32C(4), CRC64NVME(8), SHA1(20), SHA256(32);

    private final int length;

    ChecksumAlgorithm(int length) {
        this.length = length;
    }

    /** Length of the raw digest in bytes. */
    public int length() {
        return length;
    }

    /** {@code x-amz-checksum-crc32} and so on. */
    public String header() {
        return "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
    }

    /** The XML element name: {@code ChecksumCRC32}. */
    public String xmlName() {
        return "Checksum" + name();
    }

    /** The algorithm of a name as clients send it ({@code crc32}, {@code CRC32}), or null. */
    public static ChecksumAlgorithm parse(String name) {
        if (name == null) {
            return null;
        }
        for (ChecksumAlgorithm a : values()) {
            if (a.name().equalsIgnoreCase(name.trim())) {
                return a;
            }
        }
        return null;
    }

    /** The algorithm of a header name such as {@code x-amz-checksum-crc32c}, or null. */
    public static ChecksumAlgorithm ofHeader(String header) {
        String h = header.toLowerCase(Locale.ROOT).trim();
        return h.startsWith("x-amz-checksum-") ? parse(h.substring("x-amz-checksum-".length())) : null;
    }

    /** A fresh digest of this algorithm. */
    public Digest newDigest() {
        return switch (this) {
            case CRC32 -> new CrcDigest(new CRC32(), 4);
            case CRC32C -> new CrcDigest(new CRC32C(), 4);
            case CRC64NVME -> new CrcDigest(new Crc64Nvme(), 8);
            case SHA1 -> new MessageDigestDigest("SHA-1");
            case SHA256 -> new MessageDigestDigest("SHA-256");
        };
    }

    /** A running digest. */
    public interface Digest {
        void update(byte[] b, int off, int len);

        /** The raw digest; ends this digest. */
        byte[] finish();
    }

    private static final class CrcDigest implements Digest {
        private final Checksum crc;
        private final int bytes;

        CrcDigest(Checksum crc, int bytes) {
            this.crc = crc;
            this.bytes = bytes;
        }

        @Override
        public void update(byte[] b, int off, int len) {
            crc.update(b, off, len);
        }

        @Override
        public byte[] finish() {
            long v = crc.getValue();
            byte[] out = new byte[bytes];
            for (int i = 0; i < bytes; i++) {
                out[i] = (byte) (v >>> (8 * (bytes - 1 - i)));
            }
            return out;
        }
    }

    private static final class MessageDigestDigest implements Digest {
        private final MessageDigest md;

        MessageDigestDigest(String name) {
            try {
                md = MessageDigest.getInstance(name);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void update(byte[] b, int off, int len) {
            md.update(b, off, len);
        }

        @Override
        public byte[] finish() {
            return md.digest();
        }
    }
}
