package io.lakelet.core.storage;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether a directory's file system takes direct I/O ({@code O_DIRECT}), which RocksDB's flushes and
 * compactions use when it does. Written through the page cache, each byte of a flush or compaction was
 * copied into the cache by RocksDB's thread and written back by the kernel's: with direct I/O RocksDB's
 * threads took 6.3-6.6 instead of 11.1-11.3 us of CPU per 1 KiB Kinesis record (1.5 M records written and
 * compacted), at the price of a first read of freshly flushed data from the disk (docs/ARCHITECTURE.md).
 * Some file systems refuse {@code O_DIRECT} (tmpfs before Linux 6.6, some FUSE mounts); RocksDB
 * would then fail its first flush and stop taking writes, so the store asks first, with a real write.
 */
final class DirectIo {
    private static final int BLOCK = 4096;

    private DirectIo() {
    }

    /** True when a file in {@code dir} can be written with {@code O_DIRECT}. */
    static boolean supported(Path dir) {
        Path probe = dir.resolve(".direct-io-probe");
        try {
            try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, ExtendedOpenOption.DIRECT)) {
                ByteBuffer block = ByteBuffer.allocateDirect(2 * BLOCK).alignedSlice(BLOCK);
                block.limit(BLOCK);
                ch.write(block, 0);
            }
            return true;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // A probe left behind is harmless: RocksDB ignores files it does not know.
            }
        }
    }
}
