package io.securecomms.jdbc;

import java.security.cert.CertificateException;
import java.sql.SQLException;
import java.util.List;

import javax.net.ssl.SSLException;

import io.securecomms.metrics.FailureReason;
import io.securecomms.metrics.OutboundHandshakeObserver;

/**
 * Counts what a failed connection attempt says about TLS: a server that would only talk
 * plaintext, a failed handshake (classified from the exception chain, the peer
 * certificate included where one was received), or a server that wanted a client
 * certificate and got none. Anything else (a wrong password, an unknown database) is not
 * a TLS failure and is not counted.
 */
final class JdbcFailureObserver {

	/** pgjdbc's words when the server answers "no" to its TLS request. */
	private static final String PLAINTEXT_ONLY = "The server does not support SSL";

	/**
	 * The drivers' words for a TLS failure whose exception they do not pass on: pgjdbc's
	 * for any I/O failure during its handshake, MariaDB Connector/J's for a refused
	 * certificate and a wrong host name.
	 */
	private static final List<String> TLS_FAILED = List.of("SSL error", "Self signed certificates",
			"SSL hostname verification failed");

	/**
	 * PostgreSQL's words when {@code pg_hba.conf} says {@code cert} and no certificate
	 * came.
	 */
	private static final String CLIENT_CERTIFICATE_REQUIRED = "requires a valid client certificate";

	private final String peer;

	private final String remote;

	private final OutboundHandshakeObserver observer;

	private final boolean presentsCertificate;

	/**
	 * @param remote the host (and port) the URL names, for the log line
	 * @param presentsCertificate whether the identity bundle gives this data source a
	 * client certificate
	 */
	JdbcFailureObserver(String peer, String remote, OutboundHandshakeObserver observer, boolean presentsCertificate) {
		this.peer = peer;
		this.remote = remote;
		this.observer = observer;
		this.presentsCertificate = presentsCertificate;
	}

	/**
	 * Runs one connection attempt, showing its failure to this observer before the pool
	 * sees it.
	 */
	<T> T attempt(Attempt<T> attempt) throws SQLException {
		try {
			return attempt.run();
		}
		catch (SQLException ex) {
			observe(ex);
			throw ex;
		}
	}

	void observe(SQLException failure) {
		if (this.observer.alreadyCounted(failure)) {
			return;
		}
		if (mentions(failure, PLAINTEXT_ONLY)) {
			this.observer.plaintextRefused(this.peer);
		}
		else if (hasTlsCause(failure) || TLS_FAILED.stream().anyMatch((words) -> mentions(failure, words))) {
			this.observer.failed(this.peer, this.remote, failure, this.presentsCertificate);
		}
		else if (mentions(failure, CLIENT_CERTIFICATE_REQUIRED)) {
			this.observer.failed(this.peer, this.remote, FailureReason.CLIENT_CERT_MISSING,
					"the database requires a client certificate: set secure.comms.jdbc.identity-bundle ["
							+ failure.getMessage() + "]",
					List.of());
		}
	}

	private static boolean hasTlsCause(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SSLException || cause instanceof CertificateException) {
				return true;
			}
		}
		return false;
	}

	private static boolean mentions(Throwable failure, String words) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && cause.getMessage().contains(words)) {
				return true;
			}
		}
		return false;
	}

	/** A connection attempt: the driver's or the data source's {@code connect}. */
	@FunctionalInterface
	interface Attempt<T> {

		T run() throws SQLException;

	}

}
