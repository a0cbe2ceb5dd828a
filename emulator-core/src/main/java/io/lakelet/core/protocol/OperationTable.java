package io.lakelet.core.protocol;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.error.CommonErrors;
import io.lakelet.core.protocol.shape.Shape;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The operations of a service addressed by operation name (awsJson, awsQuery, rpcv2 CBOR): those built,
 * each with its input shape and handler, and every operation of the AWS API, so that one not built yet is
 * refused as not implemented (501) rather than as unknown.
 */
final class OperationTable {
    /** A built operation. */
    record Entry(Shape inputShape, TypedHandler handler) {
    }

    private final String serviceName;
    private final Map<String, Entry> operations;
    private final Set<String> known;

    private OperationTable(Builder b) {
        this.serviceName = b.serviceName;
        this.operations = Map.copyOf(b.operations);
        this.known = Set.copyOf(b.known);
    }

    Set<String> names() {
        return operations.keySet();
    }

    /**
     * The operation called {@code name}; NotImplemented for one of the API not built yet, {@code unknown}
     * for any other name (null included).
     */
    Entry require(String name, Supplier<AwsException> unknown) {
        Entry e = name == null ? null : operations.get(name);
        if (e == null) {
            if (name != null && known.contains(name)) {
                throw CommonErrors.notImplemented(serviceName, name);
            }
            throw unknown.get();
        }
        return e;
    }

    static final class Builder {
        private final String serviceName;
        private final Map<String, Entry> operations = new HashMap<>();
        private final Set<String> known = new HashSet<>();

        Builder(String serviceName) {
            this.serviceName = serviceName;
        }

        void add(String name, Shape inputShape, TypedHandler handler) {
            if (operations.putIfAbsent(name, new Entry(inputShape, handler)) != null) {
                throw new IllegalArgumentException("operation " + name + " registered twice");
            }
        }

        /** Every operation of the AWS API, taken from the SDK's client interface. */
        void knownOperationsOf(Class<?> clientInterface) {
            known.addAll(TypedHandler.apiOperations(clientInterface).keySet());
        }

        OperationTable build() {
            return new OperationTable(this);
        }
    }
}
