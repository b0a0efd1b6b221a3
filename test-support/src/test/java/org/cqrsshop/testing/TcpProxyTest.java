package org.cqrsshop.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the proxy's delay must keep: every byte, in order, whatever the delay and however it
 * changes. How long anything takes is not asserted: these run on loaded machines.
 */
class TcpProxyTest {

    /** A deadline for a read that should succeed, not a measure of the delay. */
    private static final int READ_TIMEOUT_MILLIS = (int) Patience.SERVICE.toMillis();

    private ServerSocket echo;
    private TcpProxy proxy;

    @BeforeEach
    void startEchoServerBehindProxy() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread server = new Thread(this::echoEveryConnection, "echo-server");
        server.setDaemon(true);
        server.start();
        proxy = TcpProxy.to("127.0.0.1", echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void given_a_delay_when_bytes_are_sent_in_many_writes_then_all_come_back_intact_and_in_order() throws IOException {
        proxy.delay(Duration.ofMillis(20));

        try (Socket client = connect()) {
            byte[] sent = randomBytes(1, 300_000);
            sendInWrites(client, sent, 7_919);

            assertThat(readExactly(client, sent.length)).isEqualTo(sent);
        }
    }

    @Test
    void given_a_delay_when_it_is_removed_on_an_open_connection_then_later_bytes_do_not_overtake_earlier_ones()
            throws IOException {
        proxy.delay(Duration.ofMillis(200));

        try (Socket client = connect()) {
            byte[] held = randomBytes(2, 50_000);
            byte[] sentAfter = randomBytes(3, 50_000);
            // Small enough to sit in the socket buffers unread: all of it is sent before the delay goes.
            sendInWrites(client, held, 1_000).join();
            proxy.delay(Duration.ZERO);
            sendInWrites(client, sentAfter, 1_000);

            assertThat(readExactly(client, held.length)).isEqualTo(held);
            assertThat(readExactly(client, sentAfter.length)).isEqualTo(sentAfter);
        }
        assertThat(proxy.delay()).isZero();
    }

    @Test
    void given_a_delay_set_after_connecting_when_new_and_open_connections_send_then_both_get_their_bytes_back()
            throws IOException {
        try (Socket early = connect()) {
            proxy.delay(Duration.ofMillis(10));
            try (Socket late = connect()) {
                byte[] fromEarly = randomBytes(4, 20_000);
                byte[] fromLate = randomBytes(5, 20_000);
                sendInWrites(early, fromEarly, 4_096);
                sendInWrites(late, fromLate, 4_096);

                assertThat(readExactly(late, fromLate.length)).isEqualTo(fromLate);
                assertThat(readExactly(early, fromEarly.length)).isEqualTo(fromEarly);
            }
        }
    }

    @Test
    void given_a_delay_when_the_link_is_cut_and_restored_then_a_new_connection_works() throws IOException {
        proxy.delay(Duration.ofMillis(10));
        try (Socket dropped = connect()) {
            proxy.cut();
            assertThat(dropped.getInputStream().read()).as("a cut connection ends").isEqualTo(-1);
        }
        proxy.restore();

        try (Socket client = connect()) {
            byte[] sent = randomBytes(6, 10_000);
            sendInWrites(client, sent, 10_000);
            assertThat(readExactly(client, sent.length)).isEqualTo(sent);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", proxy.port());
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    /**
     * Writes from a thread of its own, so that the echo coming back cannot fill the socket
     * buffers and stall the writes while the test is not reading yet.
     */
    private static CompletableFuture<Void> sendInWrites(Socket socket, byte[] bytes, int writeSize) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                for (int from = 0; from < bytes.length; from += writeSize) {
                    out.write(bytes, from, Math.min(writeSize, bytes.length - from));
                    out.flush();
                }
                sent.complete(null);
            } catch (IOException e) {
                sent.completeExceptionally(e);
            }
        }, "sender");
        writer.setDaemon(true);
        writer.start();
        return sent;
    }

    private static byte[] readExactly(Socket socket, int length) throws IOException {
        return socket.getInputStream().readNBytes(length);
    }

    private static byte[] randomBytes(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private void echoEveryConnection() {
        while (!echo.isClosed()) {
            try {
                Socket connection = echo.accept();
                Thread echoing = new Thread(() -> echoBack(connection), "echo");
                echoing.setDaemon(true);
                echoing.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void echoBack(Socket connection) {
        try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException dropped) {
            // the test closed its end
        }
    }
}
