package io.securecomms.testsupport;

import io.securecomms.test.TestCertificates;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;

import io.securecomms.test.TestCertificates.Issued;

/**
 * A real SMTP server (GreenMail) on loopback, reached over SMTPS or STARTTLS with the
 * certificate a test gives it, or in plain SMTP that offers no STARTTLS. GreenMail keeps
 * one certificate per JVM and has no STARTTLS, so the TLS side is a front on its own port
 * that terminates TLS (for STARTTLS after answering the greeting, EHLO and STARTTLS
 * itself) and passes the decrypted session on to GreenMail.
 */
public final class TlsSmtpServer implements AutoCloseable {

	private final GreenMail mail;

	private final ServerSocket front;

	private final SSLContext context;

	private final boolean startTls;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private TlsSmtpServer(Issued identity, boolean startTls) {
		this.mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		this.mail.start();
		this.startTls = startTls;
		try {
			this.context = (identity != null) ? identity.serverSslContext() : null;
			this.front = (identity == null) ? null : startTls
					? new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
					: this.context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (Exception ex) {
			this.mail.stop();
			throw new IllegalStateException("Cannot start the TLS front of the SMTP server", ex);
		}
		if (this.front != null) {
			this.threads.execute(this::accept);
		}
	}

	/** SMTPS: TLS from the first byte. */
	public static TlsSmtpServer smtps(Issued identity) {
		return new TlsSmtpServer(identity, false);
	}

	/** Plain SMTP that offers STARTTLS and requires it before any mail. */
	public static TlsSmtpServer startTls(Issued identity) {
		return new TlsSmtpServer(identity, true);
	}

	/** Plain SMTP that does not offer STARTTLS. */
	public static TlsSmtpServer plaintextOnly() {
		return new TlsSmtpServer(null, false);
	}

	public int port() {
		return (this.front != null) ? this.front.getLocalPort() : this.mail.getSmtp().getPort();
	}

	/** The messages GreenMail received. */
	public MimeMessage[] receivedMessages() {
		return this.mail.getReceivedMessages();
	}

	@Override
	public void close() throws IOException {
		if (this.front != null) {
			this.front.close();
		}
		this.threads.shutdownNow();
		this.mail.stop();
	}

	private void accept() {
		while (!this.front.isClosed()) {
			try {
				Socket client = this.front.accept();
				this.threads.execute(() -> serve(client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket client) {
		try (client) {
			Socket secured = this.startTls ? startTls(client) : client;
			if (secured == null) {
				return;
			}
			((SSLSocket) secured).startHandshake();
			try (Socket backend = new Socket(InetAddress.getLoopbackAddress(), this.mail.getSmtp().getPort())) {
				if (this.startTls) {
					// The client had its greeting from the front; after STARTTLS it
					// starts again with EHLO.
					readLine(backend.getInputStream());
				}
				this.threads.execute(() -> pipe(backend, secured));
				pipe(secured, backend);
			}
		}
		catch (IOException ex) {
			// The client refused the handshake or went away: nothing to relay.
		}
	}

	/**
	 * Answers the plaintext part of the session; the TLS socket once the client asked for
	 * STARTTLS.
	 */
	private Socket startTls(Socket client) throws IOException {
		InputStream in = client.getInputStream();
		OutputStream out = client.getOutputStream();
		write(out, "220 localhost ESMTP front");
		String line;
		while ((line = readLine(in)) != null) {
			String command = line.toUpperCase();
			if (command.startsWith("EHLO")) {
				write(out, "250-localhost\r\n250 STARTTLS");
			}
			else if (command.startsWith("STARTTLS")) {
				write(out, "220 2.0.0 Ready to start TLS");
				SSLSocket secured = (SSLSocket) this.context.getSocketFactory()
					.createSocket(client, null, client.getPort(), true);
				secured.setUseClientMode(false);
				return secured;
			}
			else if (command.startsWith("QUIT")) {
				write(out, "221 2.0.0 Bye");
				return null;
			}
			else {
				write(out, "530 5.7.0 Must issue a STARTTLS command first");
			}
		}
		return null;
	}

	private static void write(OutputStream out, String reply) throws IOException {
		out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	/**
	 * One line, read byte by byte: the bytes after STARTTLS belong to the TLS handshake.
	 */
	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int next;
		while ((next = in.read()) != -1 && next != '\n') {
			if (next != '\r') {
				line.write(next);
			}
		}
		return (next == -1 && line.size() == 0) ? null : line.toString(StandardCharsets.US_ASCII);
	}

	private static void pipe(Socket from, Socket to) {
		try {
			from.getInputStream().transferTo(to.getOutputStream());
		}
		catch (IOException ex) {
			// One side closed the session.
		}
		finally {
			try {
				to.close();
			}
			catch (IOException ex) {
				// Closing anyway.
			}
		}
	}

}
