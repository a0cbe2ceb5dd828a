package io.lakelet.s3.service;

import io.lakelet.s3.checksum.ChecksumAlgorithm;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** Computes the MD5 and one flexible checksum of the bytes read through it (copies, port writes). */
public final class HashingInputStream extends FilterInputStream {
    private final MessageDigest md5;
    private final ChecksumAlgorithm algorithm;
    private final ChecksumAlgorithm.Digest checksum;

    public HashingInputStream(InputStream in, ChecksumAlgorithm algorithm) {
        super(in);
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.algorithm = algorithm;
        this.checksum = algorithm == null ? null : algorithm.newDigest();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            md5.update(b, off, n);
            if (checksum != null) {
                checksum.update(b, off, n);
            }
        }
        return n;
    }

    public String md5Hex() {
        return HexFormat.of().formatHex(md5.digest());
    }

    public ChecksumAlgorithm algorithm() {
        return algorithm;
    }

    public String checksumBase64() {
        return checksum == null ? null : Base64.getEncoder().encodeToString(checksum.finish());
    }
}
