package io.securecomms.trust;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.securecomms.metrics.PeerText;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * The certificates of the SSL bundles that expire within
 * {@code secure.comms.metrics.expiry-warning}: logged at WARN when the application starts
 * and once a day after (on a daemon thread of its own, closed with the context; no
 * {@code @EnableScheduling} needed). The same threshold flags {@code expiresSoon} in the
 * posture.
 */
public final class CertificateExpiry implements AutoCloseable {

	/** The property that sets the threshold, for messages. */
	public static final String PROPERTY = "secure.comms.metrics.expiry-warning";

	private static final Log logger = LogFactory.getLog(CertificateExpiry.class);

	private final SslBundles bundles;

	private final Duration threshold;

	private @Nullable ScheduledExecutorService scheduler;

	public CertificateExpiry(SslBundles bundles, Duration threshold) {
		this.bundles = bundles;
		this.threshold = threshold;
	}

	/**
	 * Whether {@code certificate} expires within {@code threshold} of {@code now} (or has
	 * expired).
	 */
	public static boolean expiresSoon(X509Certificate certificate, Instant now, Duration threshold) {
		return certificate.getNotAfter().toInstant().isBefore(now.plus(threshold));
	}

	/** Checks now, then every {@code period}. */
	public synchronized void start(Duration period) {
		check(Instant.now());
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "secure-comms-certificate-expiry");
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler.scheduleAtFixedRate(() -> check(Instant.now()), period.toMillis(), period.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	/** Logs each certificate inside the threshold; returns their descriptions. */
	public List<String> check(Instant now) {
		List<String> expiring = new ArrayList<>();
		for (String name : this.bundles.getBundleNames()) {
			try {
				SslBundle bundle = this.bundles.getBundle(name);
				for (X509Certificate certificate : certificates(bundle.getStores().getKeyStore(), true)) {
					expiring(name, "presents", certificate, now, expiring);
				}
				for (X509Certificate certificate : certificates(bundle.getStores().getTrustStore(), false)) {
					expiring(name, "trusts", certificate, now, expiring);
				}
			}
			catch (KeyStoreException | RuntimeException ex) {
				// A bundle that cannot be read is reported at startup by the checks that
				// use it.
			}
		}
		return expiring;
	}

	private void expiring(String bundle, String role, X509Certificate certificate, Instant now, List<String> expiring) {
		if (!expiresSoon(certificate, now, this.threshold)) {
			return;
		}
		Instant notAfter = certificate.getNotAfter().toInstant();
		String when = notAfter.isBefore(now) ? "expired on " + notAfter
				: "expires on " + notAfter + " (in " + Duration.between(now, notAfter).toDays() + " days)";
		String message = "SSL bundle '" + PeerText.escape(bundle) + "' " + role + " certificate '"
				+ PeerText.subjectOf(certificate) + "' (serial " + certificate.getSerialNumber().toString(16) + ") "
				+ when + ", within " + PROPERTY + "=" + this.threshold.toDays() + "d: renew it and replace the "
				+ "bundle's files (with reload-on-update: true, outbound channels pick it up without a restart)";
		logger.warn(message);
		expiring.add(message);
	}

	private static List<X509Certificate> certificates(@Nullable KeyStore store, boolean chains)
			throws KeyStoreException {
		List<X509Certificate> certificates = new ArrayList<>();
		if (store == null) {
			return certificates;
		}
		for (String alias : Collections.list(store.aliases())) {
			Certificate[] chain = chains ? store.getCertificateChain(alias) : null;
			if (chain == null && store.getCertificate(alias) != null) {
				chain = new Certificate[] { store.getCertificate(alias) };
			}
			for (Certificate certificate : (chain != null) ? chain : new Certificate[0]) {
				if (certificate instanceof X509Certificate x509) {
					certificates.add(x509);
				}
			}
		}
		return certificates;
	}

	@Override
	public synchronized void close() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
		}
	}

}
