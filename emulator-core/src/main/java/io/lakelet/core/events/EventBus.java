package io.lakelet.core.events;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-process events between services (S3 ObjectCreated/ObjectRemoved for event-mode crawlers, and
 * later notifications). Subscribers run on the given executor, never on the publisher's thread, so a
 * slow subscriber cannot slow a request.
 */
public final class EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private final Executor executor;
    private final Map<Class<?>, List<Consumer<Object>>> subscribers = new ConcurrentHashMap<>();

    public EventBus(Executor executor) {
        this.executor = executor;
    }

    @SuppressWarnings("unchecked")
    public <T> void subscribe(Class<T> type, Consumer<? super T> subscriber) {
        subscribers.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add((Consumer<Object>) subscriber);
    }

    public void publish(Object event) {
        List<Consumer<Object>> list = subscribers.get(event.getClass());
        if (list == null) {
            return;
        }
        for (Consumer<Object> s : list) {
            executor.execute(() -> {
                try {
                    s.accept(event);
                } catch (RuntimeException e) {
                    LOG.warn("an event subscriber failed on {}", event, e);
                }
            });
        }
    }
}
