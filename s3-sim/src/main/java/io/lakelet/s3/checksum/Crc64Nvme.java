package io.lakelet.s3.checksum;

import java.util.zip.Checksum;

/**
 * CRC-64/NVME (polynomial 0xAD93D23594C93659, reflected, initial value and final xor all ones), the
 * checksum S3 computes for every new object. Table-driven, eight bytes at a time ("slicing by 8").
 */
public final class Crc64Nvme implements Checksum {
    private static final long POLY = 0x9A6C9329AC4BC9B5L; // 0xAD93D23594C93659 bit-reversed
    private static final long[][] TABLES = new long[8][256];

    static {
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY : crc >>> 1;
            }
            TABLES[0][i] = crc;
        }
        for (int i = 0; i < 256; i++) {
            long crc = TABLES[0][i];
            for (int t = 1; t < 8; t++) {
                crc = TABLES[0][(int) (crc & 0xFF)] ^ (crc >>> 8);
                TABLES[t][i] = crc;
            }
        }
    }

    private long crc = -1L;

    @Override
    public void update(int b) {
        crc = TABLES[0][(int) ((crc ^ b) & 0xFF)] ^ (crc >>> 8);
    }

    @Override
    public void update(byte[] b, int off, int len) {
        long c = crc;
        int i = off;
        int end = off + len;
        while (end - i >= 8) {
            long v = (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24
                    | (b[i + 4] & 0xFFL) << 32 | (b[i + 5] & 0xFFL) << 40 | (b[i + 6] & 0xFFL) << 48
                    | (b[i + 7] & 0xFFL) << 56;
            c ^= v;
            c = TABLES[7][(int) (c & 0xFF)] ^ TABLES[6][(int) ((c >>> 8) & 0xFF)]
                    ^ TABLES[5][(int) ((c >>> 16) & 0xFF)] ^ TABLES[4][(int) ((c >>> 24) & 0xFF)]
                    ^ TABLES[3][(int) ((c >>> 32) & 0xFF)] ^ TABLES[2][(int) ((c >>> 40) & 0xFF)]
                    ^ TABLES[1][(int) ((c >>> 48) & 0xFF)] ^ TABLES[0][(int) (c >>> 56)];
            i += 8;
        }
        while (i < end) {
            c = TABLES[0][(int) ((c ^ b[i++]) & 0xFF)] ^ (c >>> 8);
        }
        crc = c;
    }

    /** The CRC as an unsigned 64-bit value. */
    @Override
    public long getValue() {
        return ~crc;
    }

    @Override
    public void reset() {
        crc = -1L;
    }
}
