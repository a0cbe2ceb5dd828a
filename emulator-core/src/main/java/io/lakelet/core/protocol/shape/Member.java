package io.lakelet.core.protocol.shape;

/**
 * A member of a structure: its name in the model, its name on the wire (JSON key, header, query key or
 * path label), where it travels, its shape, and an optional timestamp format that overrides the
 * protocol's default.
 *
 * @param accessor what the {@link Shape} that owns this member uses to read and write it
 */
public record Member(String name, String wireName, Location location, Shape shape,
                     TimestampFormat timestampFormat, boolean explicitPayload, Object accessor) {
}
