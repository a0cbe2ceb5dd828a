package io.lakelet.core.storage;

/** The store failed (disk full, corruption, closed): a fault of the server, never of the client. */
public final class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
