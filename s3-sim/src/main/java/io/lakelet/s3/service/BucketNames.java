package io.lakelet.s3.service;

import java.util.regex.Pattern;

/**
 * S3's rules for general purpose bucket names: 3 to 63 characters of lower-case letters, digits, dots
 * and hyphens; beginning and ending with a letter or digit; no two adjacent dots; not an IP address; not
 * starting with {@code xn--}, {@code sthree-} or {@code amzn-s3-demo-}; not ending with {@code -s3alias},
 * {@code --ol-s3}, {@code .mrap} or {@code --x-s3}.
 */
public final class BucketNames {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private BucketNames() {
    }

    public static boolean valid(String name) {
        return name != null
                && SHAPE.matcher(name).matches()
                && !name.contains("..")
                && !name.contains(".-") && !name.contains("-.")
                && !IP.matcher(name).matches()
                && !name.startsWith("xn--") && !name.startsWith("sthree-") && !name.startsWith("amzn-s3-demo-")
                && !name.endsWith("-s3alias") && !name.endsWith("--ol-s3") && !name.endsWith(".mrap")
                && !name.endsWith("--x-s3") && !name.endsWith("--table-s3");
    }
}
