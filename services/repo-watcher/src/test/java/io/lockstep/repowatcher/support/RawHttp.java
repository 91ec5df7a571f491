package io.lockstep.repowatcher.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what an HTTP client library will not do: announce a body it never sends, or
 * stream a chunked body past the server's limit and still read the answer.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** POSTs headers announcing {@code length} bytes, sends none of them, and returns the status the server gives. */
    public static int postAnnouncingLength(URI base, String path, Map<String, String> headers, long length)
            throws IOException {
        try (Socket socket = open(base)) {
            OutputStream out = socket.getOutputStream();
            out.write(head(base, path, headers, "Content-Length: " + length).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return status(socket);
        }
    }

    /** POSTs a chunked body of {@code total} bytes (as far as the server lets it) and returns the status. */
    public static int postChunked(URI base, String path, Map<String, String> headers, int total) throws IOException {
        try (Socket socket = open(base)) {
            OutputStream out = socket.getOutputStream();
            out.write(head(base, path, headers, "Transfer-Encoding: chunked").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[16 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try {
                for (int sent = 0; sent < total; sent += chunk.length) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before the whole body is sent: its answer is what counts.
            }
            return status(socket);
        }
    }

    private static Socket open(URI base) throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static String head(URI base, String path, Map<String, String> headers, String framing) {
        StringBuilder out = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                + base.getPort() + "\r\n");
        headers.forEach((k, v) -> out.append(k).append(": ").append(v).append("\r\n"));
        return out.append(framing).append("\r\n\r\n").toString();
    }

    private static int status(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.US_ASCII));
        String line = in.readLine();
        if (line == null || !line.startsWith("HTTP/1.1 ")) {
            throw new IOException("no HTTP answer: " + line);
        }
        return Integer.parseInt(line.substring(9, 12));
    }
}
