package io.securecomms.jvm;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * Installs TLS settings in the JVM's three process-wide slots (the default
 * {@link SSLContext}, the default {@link HttpsURLConnection} socket factory and host name
 * verifier) and puts back what was there before. Several application contexts may live in
 * one JVM (a test suite's, closed in any order): each installation stacks on the one
 * before, closing one that is not on top only hands what it found to the one above it,
 * and the last close restores the JVM's originals. A slot that someone else changed since
 * is not ours any more and is left as it is.
 */
public final class JvmDefaultTls {

	private static final JvmDefaultTls JVM = new JvmDefaultTls(new JvmSlots());

	private final Slots slots;

	private final List<Installation> installed = new ArrayList<>();

	JvmDefaultTls(Slots slots) {
		this.slots = slots;
	}

	/**
	 * Puts {@code values} in the JVM's slots until the returned installation is closed.
	 */
	public static Installation install(Values values) {
		return JVM.push(values);
	}

	/** How many installations are open in this JVM. */
	public static int installations() {
		return JVM.size();
	}

	synchronized Installation push(Values ours) {
		Installation installation = new Installation(this, ours, this.slots.read());
		this.slots.write(ours);
		this.installed.add(installation);
		return installation;
	}

	synchronized int size() {
		return this.installed.size();
	}

	synchronized void remove(Installation installation) {
		int index = this.installed.indexOf(installation);
		if (index < 0) {
			return;
		}
		this.installed.remove(index);
		if (index < this.installed.size()) {
			// Not on top: the JVM still runs on a later installation, which now puts back
			// what this one found.
			this.installed.get(index).previous = installation.previous;
			return;
		}
		Values now = this.slots.read();
		Values previous = installation.previous;
		this.slots.write(new Values((now.context() == installation.ours.context()) ? previous.context() : now.context(),
				(now.socketFactory() == installation.ours.socketFactory()) ? previous.socketFactory()
						: now.socketFactory(),
				(now.hostnameVerifier() == installation.ours.hostnameVerifier()) ? previous.hostnameVerifier()
						: now.hostnameVerifier()));
	}

	/**
	 * What occupies the three slots.
	 *
	 * @param context the default {@code SSLContext}
	 * @param socketFactory {@code HttpsURLConnection}'s default socket factory
	 * @param hostnameVerifier {@code HttpsURLConnection}'s default host name verifier
	 */
	public record Values(SSLContext context, SSLSocketFactory socketFactory, HostnameVerifier hostnameVerifier) {
	}

	/** One installation; {@link #close()} takes it back (once). */
	public static final class Installation implements AutoCloseable {

		private final JvmDefaultTls owner;

		private final Values ours;

		private Values previous;

		private Installation(JvmDefaultTls owner, Values ours, Values previous) {
			this.owner = owner;
			this.ours = ours;
			this.previous = previous;
		}

		Values ours() {
			return this.ours;
		}

		@Override
		public void close() {
			this.owner.remove(this);
		}

	}

	/** The slots; the JVM's in production, a plain holder in unit tests. */
	interface Slots {

		Values read();

		void write(Values values);

	}

	private static final class JvmSlots implements Slots {

		@Override
		public Values read() {
			try {
				return new Values(SSLContext.getDefault(), HttpsURLConnection.getDefaultSSLSocketFactory(),
						HttpsURLConnection.getDefaultHostnameVerifier());
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("The JVM has no default SSL context", ex);
			}
		}

		@Override
		public void write(Values values) {
			SSLContext.setDefault(values.context());
			HttpsURLConnection.setDefaultSSLSocketFactory(values.socketFactory());
			HttpsURLConnection.setDefaultHostnameVerifier(values.hostnameVerifier());
		}

	}

}
