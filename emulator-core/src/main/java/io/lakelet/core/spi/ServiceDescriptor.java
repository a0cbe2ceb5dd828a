package io.lakelet.core.spi;

import java.util.Set;

/**
 * What the router needs to know about a service before it starts: its id (used in configuration and
 * the health report), the SigV4 signing names that select it, the {@code X-Amz-Target} prefixes of its
 * JSON operations, and its protocol family (which decides how errors are rendered).
 *
 * @param id lower-case id, e.g. {@code kinesis}
 * @param displayName how messages and logs name it, e.g. {@code Kinesis}
 * @param signingNames SigV4 service names in the credential scope
 * @param targetPrefixes X-Amz-Target prefixes (the part before the dot)
 * @param protocol the protocol family
 * @param jsonMessageKey the key of the message in JSON error bodies ({@code message} or {@code Message})
 */
public record ServiceDescriptor(String id, String displayName, Set<String> signingNames,
                                Set<String> targetPrefixes, Protocol protocol, String jsonMessageKey) {

    public ServiceDescriptor {
        signingNames = Set.copyOf(signingNames);
        targetPrefixes = Set.copyOf(targetPrefixes);
    }
}
