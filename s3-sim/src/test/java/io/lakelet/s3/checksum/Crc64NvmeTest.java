package io.lakelet.s3.checksum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Crc64NvmeTest {

    @Test
    void theCheckValueOfTheCatalogueMatches() {
        Crc64Nvme crc = new Crc64Nvme();
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        crc.update(check, 0, check.length);
        assertThat(crc.getValue()).isEqualTo(0xAE8B14860A799888L);
    }

    @Test
    void slicedAndBytewiseUpdatesAgree() {
        byte[] data = new byte[10_007];
        new Random(1).nextBytes(data);
        Crc64Nvme whole = new Crc64Nvme();
        whole.update(data, 0, data.length);
        Crc64Nvme bytewise = new Crc64Nvme();
        for (byte b : data) {
            bytewise.update(b);
        }
        Crc64Nvme pieces = new Crc64Nvme();
        pieces.update(data, 0, 3);
        pieces.update(data, 3, 5000);
        pieces.update(data, 5003, data.length - 5003);
        assertThat(bytewise.getValue()).isEqualTo(whole.getValue());
        assertThat(pieces.getValue()).isEqualTo(whole.getValue());
    }

    @Test
    void theEmptyInputHasCrcZero() {
        assertThat(new Crc64Nvme().getValue()).isZero();
        assertThat(ChecksumAlgorithm.CRC64NVME.newDigest().finish()).hasSize(8).containsOnly(0);
    }
}
