package io.securecomms.trust;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.securecomms.testsupport.TestApplication;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.test.TlsTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Certificate rotation without restart on the {@code http-client} channel: the client
 * certificate and the trust bundle's PEM files are rewritten while a loop of HTTPS calls
 * (RestClient from the application's builder, one connection per call) runs against a
 * real mTLS server that records the client certificate of each request. The tests run in
 * order on one application: each starts from the material the previous left.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CertificateRotationIntegrationTests {

	@TempDir
	static Path directory;

	static Authority ca;

	static Issued serverIdentity;

	static TlsTestServer server;

	static ConfigurableApplicationContext app;

	static RestClient client;

	static Issued current;

	@BeforeAll
	static void start() throws Exception {
		ca = TestCertificates.rootCa("backend CA");
		serverIdentity = ca.issue(Spec.server("localhost"));
		server = TlsTestServer.presenting(serverIdentity).requireClientCertificateFrom(ca).start();
		Files.createDirectories(directory.resolve("staging"));
		Files.createDirectories(directory.resolve("bundles"));
		current = ca.issue(Spec.client("app"));
		replace("client.crt", current.chain().toArray());
		replace("client.key", new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(current.privateKey(), null));
		replace("trusted.crt", ca.certificate());
		app = new SpringApplicationBuilder(TestApplication.class)
			.properties("spring.main.web-application-type=none", "spring.main.banner-mode=off",
					"spring.ssl.bundle.watch.file.quiet-period=300ms",
					"spring.ssl.bundle.pem.backends.reload-on-update=true",
					"spring.ssl.bundle.pem.backends.truststore.certificate=file:" + bundle("trusted.crt"),
					"spring.ssl.bundle.pem.client.reload-on-update=true",
					"spring.ssl.bundle.pem.client.keystore.certificate=file:" + bundle("client.crt"),
					"spring.ssl.bundle.pem.client.keystore.private-key=file:" + bundle("client.key"),
					"secure.comms.client.trust-bundle=backends", "secure.comms.client.identity-bundle=client")
			.run();
		client = app.getBean(RestClient.Builder.class).build();
	}

	@AfterAll
	static void stop() {
		app.close();
		server.close();
	}

	@Test
	@Order(1)
	void renewedClientCertificateIsPresentedOnNewConnectionsWithoutFailedCalls() throws Exception {
		try (Calls calls = new Calls(server.url("/"))) {
			awaitClientSerial(current.certificate().getSerialNumber());
			Issued renewed = ca.issue(Spec.client("app"));
			long written = System.nanoTime();
			writeIdentity(renewed.chain().toArray(), renewed.privateKey());

			awaitClientSerial(renewed.certificate().getSerialNumber());
			long millis = Duration.ofNanos(System.nanoTime() - written).toMillis();
			System.out.println("Client certificate rotation: new serial seen by the server " + millis
					+ " ms after the files were written (quiet period 300ms)");
			current = renewed;
			calls.awaitMore(5);
			calls.assertNoFailure();
		}
		assertThat(lastSerials(3)).containsOnly(current.certificate().getSerialNumber());
	}

	@Test
	@Order(2)
	void brokenReplacementKeepsTheIdentityInUseAndIsCountedWithAWarning(CapturedOutput output) throws Exception {
		try (Calls calls = new Calls(server.url("/"))) {
			calls.awaitMore(1);
			Issued other = ca.issue(Spec.client("app"));
			Issued renewed = ca.issue(Spec.client("app"));
			writeIdentity(renewed.chain().toArray(), other.privateKey());

			await().atMost(Duration.ofSeconds(10)).until(() -> reloadFailures("client") == 1);
			assertThat(output)
				.contains("SSL bundle 'client' was replaced by broken material: the private key does "
						+ "not match certificate 'O=secure-comms tests,CN=app'")
				.contains("the previous certificate and trust stay in use");

			Issued weak = ca.issue(Spec.client("app").rsa(1024));
			writeIdentity(weak.chain().toArray(), weak.privateKey());

			await().atMost(Duration.ofSeconds(10)).until(() -> reloadFailures("client") == 2);
			assertThat(output).contains(
					"SSL bundle 'client' was replaced by broken material: certificate 'O=secure-comms tests,CN=app' "
							+ "has a RSA key of 1024 bits");
			int seen = server.clientSerials().size();
			calls.awaitMore(5);
			calls.assertNoFailure();
			List<BigInteger> serials = server.clientSerials();
			assertThat(serials.subList(seen, serials.size())).containsOnly(current.certificate().getSerialNumber());
		}
		assertThat(reloadFailures("backends")).isZero();
	}

	@Test
	@Order(3)
	void newTrustAnchorIsUsedForNewConnectionsWithoutFailedCalls() throws Exception {
		Authority newCa = TestCertificates.rootCa("new backend CA");
		Issued newServerIdentity = newCa.issue(Spec.server("localhost"));
		try (TlsTestServer newCaServer = TlsTestServer.presenting(newCaServer(newCa)).start();
				Calls calls = new Calls(server.url("/"))) {
			assertThatThrownBy(() -> client.get().uri(newCaServer.url("/")).retrieve().body(String.class))
				.hasStackTraceContaining("not trusted");
			long generation = generation("backends");
			// The JDK server resumes TLS 1.3 sessions from stateless tickets and cannot
			// be made to forget the
			// identity it presented in them: the loop holds still while the server
			// switches, so that the first
			// connection after it is a full handshake (the client's context of the new
			// trust has no sessions).
			calls.pause();
			replace("trusted.crt", ca.certificate(), newCa.certificate());
			await().atMost(Duration.ofSeconds(10)).until(() -> generation("backends") > generation);
			server.present(newServerIdentity);
			calls.resume();

			await().atMost(Duration.ofSeconds(10))
				.until(() -> server.presentedSerials().contains(newServerIdentity.certificate().getSerialNumber()));
			calls.awaitMore(5);
			calls.assertNoFailure();
			assertThat(client.get().uri(newCaServer.url("/")).retrieve().body(String.class)).isEqualTo("hello");
		}
	}

	private static Issued newCaServer(Authority newCa) {
		return newCa.issue(Spec.server("localhost"));
	}

	private static long generation(String bundle) {
		SslBundles bundles = app.getBean(SslBundles.class);
		return ReloadingSslMaterial.of(bundles).current(bundles, bundle).generation();
	}

	private static double reloadFailures(String bundle) {
		Counter counter = app.getBean(MeterRegistry.class)
			.find(BundleReloadFailures.RELOAD_FAILURES)
			.tags("bundle", bundle)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static List<BigInteger> lastSerials(int count) {
		List<BigInteger> serials = server.clientSerials();
		return serials.subList(Math.max(0, serials.size() - count), serials.size());
	}

	private static void awaitClientSerial(BigInteger serial) {
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(20))
			.untilAsserted(
					() -> assertThat(server.clientSerials()).as("serials, full handshakes " + server.fullHandshakes())
						.contains(serial));
	}

	private static void writeIdentity(Object[] chain, java.security.PrivateKey key) throws Exception {
		Path certificate = TestCertificates.writePem(directory.resolve("staging/client.crt"), chain);
		Path privateKey = TestCertificates.writePem(directory.resolve("staging/client.key"),
				new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
		Files.move(privateKey, bundle("client.key"), StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
		Files.move(certificate, bundle("client.crt"), StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
	}

	/**
	 * Writes the file beside the bundles, then moves it in at once, as a certificate
	 * manager does.
	 */
	private static void replace(String name, Object... objects) throws Exception {
		Path staged = TestCertificates.writePem(directory.resolve("staging").resolve(name), objects);
		Files.move(staged, bundle(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	private static Path bundle(String name) {
		return directory.resolve("bundles").resolve(name);
	}

	/**
	 * HTTPS calls in a loop on their own thread, each on a new connection
	 * ({@code Connection: close}).
	 */
	static final class Calls implements AutoCloseable {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final java.util.concurrent.Semaphore turn = new java.util.concurrent.Semaphore(1);

		private final AtomicInteger succeeded = new AtomicInteger();

		private final ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();

		private final Thread thread;

		Calls(String url) {
			this.thread = new Thread(() -> {
				while (this.running.get()) {
					this.turn.acquireUninterruptibly();
					try {
						String body = client.get().uri(url).header("Connection", "close").retrieve().body(String.class);
						if ("hello".equals(body)) {
							this.succeeded.incrementAndGet();
						}
						else {
							this.failures.add(new IllegalStateException("Unexpected body " + body));
						}
					}
					catch (Exception ex) {
						this.failures.add(ex);
					}
					finally {
						this.turn.release();
					}
				}
			}, "rotation-calls");
			this.thread.start();
		}

		/** Returns once no call is under way and none starts until {@link #resume()}. */
		void pause() {
			this.turn.acquireUninterruptibly();
		}

		void resume() {
			this.turn.release();
		}

		void awaitMore(int calls) {
			int target = this.succeeded.get() + calls;
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.succeeded.get() >= target || !this.failures.isEmpty());
		}

		void assertNoFailure() {
			assertThat(this.failures).as("failed calls").isEmpty();
			assertThat(this.succeeded.get()).isPositive();
		}

		@Override
		public void close() throws InterruptedException {
			this.running.set(false);
			this.thread.join(10_000);
			assertNoFailure();
		}

	}

}
