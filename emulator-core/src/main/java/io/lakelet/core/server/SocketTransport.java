package io.lakelet.core.server;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.Locale;

/**
 * The socket transport of the event loops: Netty's native epoll on Linux x86_64 (the native library Lakelet
 * ships), Java NIO elsewhere or when {@code LAKELET_TRANSPORT=nio}. Epoll serves a request with fewer
 * system calls (measured in docs/ARCHITECTURE.md, "Where a small request's time goes").
 */
enum SocketTransport {
    EPOLL {
        @Override
        IoHandlerFactory ioHandlerFactory() {
            return EpollIoHandler.newFactory();
        }

        @Override
        Class<? extends ServerChannel> serverChannel() {
            return EpollServerSocketChannel.class;
        }
    },
    NIO {
        @Override
        IoHandlerFactory ioHandlerFactory() {
            return NioIoHandler.newFactory();
        }

        @Override
        Class<? extends ServerChannel> serverChannel() {
            return NioServerSocketChannel.class;
        }
    };

    abstract IoHandlerFactory ioHandlerFactory();

    abstract Class<? extends ServerChannel> serverChannel();

    /**
     * The transport for a {@code LAKELET_TRANSPORT} value: {@code auto} (epoll when its native library
     * loads, else NIO) or {@code nio}. Epoll is never forced: where it cannot load, NIO still serves.
     */
    static SocketTransport choose(String setting) {
        return switch (setting.toLowerCase(Locale.ROOT)) {
            case "auto" -> Epoll.isAvailable() ? EPOLL : NIO;
            case "nio" -> NIO;
            default -> throw new IllegalArgumentException("LAKELET_TRANSPORT is auto or nio, not '" + setting + "'");
        };
    }

    /** Why epoll cannot load here; null when it can. */
    static Throwable epollUnavailability() {
        return Epoll.unavailabilityCause();
    }

    /** For the start-up log: the transport chosen for a setting and, when NIO, why. */
    static String describe(String setting) {
        SocketTransport chosen = choose(setting);
        if (chosen == EPOLL) {
            return "epoll (native)";
        }
        return setting.equalsIgnoreCase("nio") ? "nio (LAKELET_TRANSPORT=nio)"
                : "nio (epoll unavailable: " + epollUnavailability().getMessage() + ")";
    }
}
