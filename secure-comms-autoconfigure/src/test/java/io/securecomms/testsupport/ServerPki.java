package io.securecomms.testsupport;

import io.securecomms.test.TestCertificates;

import java.nio.file.Path;
import java.util.List;

import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;

/**
 * A CA, a server certificate for localhost and a client certificate, written where Spring
 * SSL bundles, openssl and the test clients read them.
 *
 * @param directory where the files are
 * @param ca the issuing CA
 */
public record ServerPki(Path directory, Authority ca) {

	public static final String PASSWORD = "changeit";

	public static ServerPki create(Path directory) {
		Authority ca = TestCertificates.rootCa("secure-comms test CA");
		ca.writePem(directory, "ca");
		ca.issue(Spec.server("localhost", "127.0.0.1")).writePem(directory, "server");
		ca.issue(Spec.client("test-client")).writePkcs12(directory, "client", PASSWORD);
		return new ServerPki(directory, ca);
	}

	public Path caCertificate() {
		return this.directory.resolve("ca.crt");
	}

	public Path clientPkcs12() {
		return this.directory.resolve("client.p12");
	}

	/**
	 * A PEM bundle named {@code name} from {@code <file>.crt}/{@code <file>.key},
	 * trusting the CA.
	 */
	public List<String> bundle(String name, String file) {
		String prefix = "spring.ssl.bundle.pem." + name + ".";
		return List.of(prefix + "keystore.certificate=file:" + this.directory.resolve(file + ".crt"),
				prefix + "keystore.private-key=file:" + this.directory.resolve(file + ".key"),
				prefix + "truststore.certificate=file:" + caCertificate());
	}

	/** {@code server.ssl} from the server certificate's bundle. */
	public List<String> serverSsl() {
		List<String> properties = new java.util.ArrayList<>(bundle("server", "server"));
		properties.add("server.ssl.bundle=server");
		return properties;
	}

	public HttpsClient client() {
		return HttpsClient.trusting(caCertificate());
	}

	public HttpsClient clientWithCertificate() {
		return HttpsClient.withClientCertificate(caCertificate(), clientPkcs12(), PASSWORD);
	}

	/**
	 * Writes two workload client certificates: {@code spiffe.p12} (SPIFFE ID
	 * {@code spiffe://example.org/ns/ops/sa/collector} and a DNS name) and
	 * {@code dns.p12} (only the DNS name {@code exporter.ops.example.org});
	 * {@link #client(String)} calls with them.
	 */
	public ServerPki withWorkloadClients() {
		this.ca
			.issue(Spec.client("collector")
				.dnsName("collector.ops.example.org")
				.uri("spiffe://example.org/ns/ops/sa/collector"))
			.writePkcs12(this.directory, "spiffe", PASSWORD);
		this.ca.issue(Spec.client("exporter").dnsName("exporter.ops.example.org"))
			.writePkcs12(this.directory, "dns", PASSWORD);
		return this;
	}

	/** A client with the certificate in {@code <name>.p12}, trusting the CA. */
	public HttpsClient client(String name) {
		return HttpsClient.withClientCertificate(caCertificate(), this.directory.resolve(name + ".p12"), PASSWORD);
	}

}
