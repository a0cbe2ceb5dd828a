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
 * ships), Java NIO elsewhere or when {@code LAKELET_TRANSPORT=nio}. Epoll does the same work with fewer
 * system calls and less bookkeeping per wake-up, which is most of what a small request costs the event
 * loop (see docs/ARCHITECTURE.md for the measurements).
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

    /** Why epoll is not in use, for the log; null when it is available. */
    static Throwable epollUnavailability() {
        return Epoll.unavailabilityCause();
    }
}
