package io.securecomms.trust;

import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;
import io.securecomms.test.TestCertificates.Spec;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The swap rules on Boot's own registry (its {@code updateBundle} is what the file
 * watcher calls): a valid replacement becomes the current material and is announced; a
 * broken one is refused and reported.
 */
class ReloadingSslMaterialTests {

	static final Authority ca = TestCertificates.rootCa("material CA");

	@Test
	void validReplacementIsSwappedInAndAnnounced() throws Exception {
		DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry("client",
				identity(ca.issue(Spec.client("a"))));
		ReloadingSslMaterial material = ReloadingSslMaterial.of(registry);
		assertThat(material.current(registry, "client").generation()).isZero();
		AtomicInteger swaps = new AtomicInteger();
		Runnable listener = swaps::incrementAndGet;
		material.onSwap(listener);
		SslBundle renewed = identity(ca.issue(Spec.client("b")));

		registry.updateBundle("client", renewed);

		assertThat(material.current(registry, "client").generation()).isEqualTo(1);
		assertThat(material.current(registry, "client").bundle()).isSameAs(renewed);
		assertThat(swaps).hasValue(1);
		assertThat(ReloadingSslMaterial.of(registry)).isSameAs(material);
	}

	@Test
	void brokenReplacementsKeepThePreviousMaterialAndAreReported() throws Exception {
		SslBundle original = identity(ca.issue(Spec.client("a")));
		DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry("client", original);
		ReloadingSslMaterial material = ReloadingSslMaterial.of(registry);
		material.current(registry, "client");
		List<String> failures = new ArrayList<>();
		material.onFailure((bundle, problem) -> failures.add(bundle + ": " + problem));
		Issued one = ca.issue(Spec.client("a"));
		Issued other = ca.issue(Spec.client("a"));

		registry.updateBundle("client", identity(one.certificate(), other));
		registry.updateBundle("client", identity(ca.issue(Spec.client("a").rsa(1024))));
		registry.updateBundle("client", SslBundle.of(SslStoreBundle.of(null, null, trustStore())));

		assertThat(material.current(registry, "client").bundle()).isSameAs(original);
		assertThat(failures).containsExactly(
				"client: the private key does not match certificate 'O=secure-comms tests,CN=a'",
				"client: certificate 'O=secure-comms tests,CN=a' has a RSA key of 1024 bits (at least 2048 required)",
				"client: it has no key store any more");
	}

	@Test
	void keysAreMatchedBySignature() {
		Issued rsa = ca.issue(Spec.client("rsa"));
		Issued ec = ca.issue(Spec.client("ec").ec(256));
		assertThat(BundleValidation.matches(rsa.privateKey(), rsa.certificate().getPublicKey())).isTrue();
		assertThat(BundleValidation.matches(ec.privateKey(), ec.certificate().getPublicKey())).isTrue();
		assertThat(BundleValidation.matches(ec.privateKey(), rsa.certificate().getPublicKey())).isFalse();
		assertThat(BundleValidation.matches(ca.issue(Spec.client("x")).privateKey(), rsa.certificate().getPublicKey()))
			.isFalse();
	}

	private static SslBundle identity(Issued issued) throws Exception {
		return identity(issued.certificate(), issued);
	}

	private static SslBundle identity(Certificate certificate, Issued keyOwner) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry("client", keyOwner.privateKey(), "pw".toCharArray(), new Certificate[] { certificate });
		return SslBundle.of(SslStoreBundle.of(store, "pw", null));
	}

	private static KeyStore trustStore() throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setCertificateEntry("ca", ca.certificate());
		return store;
	}

}
