package io.lakelet.cloudwatch.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One published datum as stored: its unit and storage resolution, and either raw values with their counts
 * (a single {@code Value} is one value with count 1) or a statistic set. Raw values are kept as sent, so
 * percentiles are computed from them rather than estimated.
 *
 * @param values  raw values, or null for a statistic set
 * @param counts  the count of each raw value
 * @param stats   sample count, sum, minimum, maximum of a statistic set, or null for raw values
 */
public record Sample(String unit, int storageResolution, double[] values, double[] counts, double[] stats) {
    private static final int VERSION = 1;

    public static Sample raw(String unit, int resolution, double[] values, double[] counts) {
        return new Sample(unit, resolution, values, counts, null);
    }

    public static Sample statisticSet(String unit, int resolution, double sampleCount, double sum, double min,
                                      double max) {
        return new Sample(unit, resolution, null, null, new double[] {sampleCount, sum, min, max});
    }

    public boolean isStatisticSet() {
        return stats != null;
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + (values == null ? 32 : values.length * 16));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(unit);
            out.writeShort(storageResolution);
            if (stats != null) {
                out.writeByte(1);
                for (double d : stats) {
                    out.writeDouble(d);
                }
            } else {
                out.writeByte(0);
                out.writeInt(values.length);
                for (int i = 0; i < values.length; i++) {
                    out.writeDouble(values[i]);
                    out.writeDouble(counts[i]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Sample decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("unknown stored sample version " + version);
            }
            String unit = in.readUTF();
            int resolution = in.readShort();
            if (in.readByte() == 1) {
                return statisticSet(unit, resolution, in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
            }
            int n = in.readInt();
            double[] values = new double[n];
            double[] counts = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = in.readDouble();
                counts[i] = in.readDouble();
            }
            return raw(unit, resolution, values, counts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
