package io.lakelet.core.protocol.shape;

/** Where a member travels in an HTTP message. */
public enum Location {
    PAYLOAD, HEADER, PREFIX_HEADERS, QUERY, QUERY_PARAMS, PATH, STATUS_CODE
}
