package io.lakelet.kinesis.model;

/**
 * An enhanced fan-out consumer registered on a stream, as stored.
 *
 * @param name the consumer name
 * @param arn {@code <stream arn>/consumer/<name>:<creation epoch seconds>}
 * @param createdMillis when it was registered
 * @param settlesAtMillis when it becomes ACTIVE (or, once deregistering, disappears)
 * @param deleting whether it is being deregistered
 */
public record Consumer(String name, String arn, long createdMillis, long settlesAtMillis, boolean deleting) {
}
