package io.securecomms.middleware;

import java.util.ArrayList;
import java.util.List;

import com.rabbitmq.client.ConnectionFactory;

import io.securecomms.metrics.Channel;
import io.securecomms.policy.Violation;

import org.springframework.boot.amqp.autoconfigure.ConnectionFactoryCustomizer;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;

/**
 * The RabbitMQ Java client as Boot builds it from {@code spring.rabbitmq.*} (or
 * {@link RabbitConnectionDetails}): TLS off, host name verification off or server
 * certificate validation off are weaknesses; a connection on TLS gets the policy's SSL
 * context (sockets and, with NIO, engines report every handshake on {@code rabbitmq}) and
 * host name verification.
 */
public final class RabbitTls {

	static final String ENABLED = "spring.rabbitmq.ssl.enabled";

	static final String ADDRESSES = "spring.rabbitmq.addresses";

	static final String BUNDLE = "spring.rabbitmq.ssl.bundle";

	static final String VERIFY_HOSTNAME = "spring.rabbitmq.ssl.verify-hostname";

	static final String VALIDATE_SERVER_CERTIFICATE = "spring.rabbitmq.ssl.validate-server-certificate";

	private static final String CLIENT = "rabbitConnectionFactory (spring.rabbitmq.*)";

	private final MiddlewareTls tls;

	private final MiddlewareConnections connections;

	public RabbitTls(MiddlewareTls tls, MiddlewareConnections connections) {
		this.tls = tls;
		this.connections = connections;
	}

	/**
	 * Checks the connection Boot builds and applies the mode to its weaknesses.
	 * @return what to do to Boot's {@link ConnectionFactory} (Boot applies customizers
	 * after its own SSL set-up, so the policy's context replaces whatever that set up);
	 * nothing when a weakness was let through, which leaves the connection as configured
	 * @throws io.securecomms.policy.InsecureConfigurationException in enforce mode, when
	 * a weakness is not allowed
	 */
	public ConnectionFactoryCustomizer check(RabbitProperties properties, RabbitConnectionDetails details) {
		boolean tlsOn = details.getSslBundle() != null || properties.getSsl().determineEnabled();
		List<Violation> weaknesses = weaknesses(properties, tlsOn);
		String bundle = tlsOn ? properties.getSsl().getBundle() : null;
		String trustSource = tlsOn ? this.tls.trustSource(bundle, BUNDLE) : "none";
		List<String> hosts = details.getAddresses()
			.stream()
			.map((address) -> address.host() + ":" + address.port())
			.toList();
		this.connections.check(new MiddlewareConnection(Channel.RABBITMQ, CLIENT, hosts, trustSource,
				tlsOn && properties.getSsl().isVerifyHostname()), weaknesses);
		if (!weaknesses.isEmpty()) {
			return (factory) -> {
			};
		}
		return (factory) -> {
			factory.useSslProtocol(this.tls.sslContext(Channel.RABBITMQ, bundle, BUNDLE));
			factory.enableHostnameVerification();
		};
	}

	static List<Violation> weaknesses(RabbitProperties properties, boolean tlsOn) {
		RabbitProperties.Ssl ssl = properties.getSsl();
		List<Violation> weaknesses = new ArrayList<>();
		if (!tlsOn) {
			weaknesses.add(plaintext(properties));
			return weaknesses;
		}
		if (!ssl.isVerifyHostname()) {
			weaknesses.add(Violation.insecure(VERIFY_HOSTNAME, "false",
					"the broker's host name is not checked: any certificate its CA issued would be accepted",
					"remove " + VERIFY_HOSTNAME + "=false (host names are verified by default)"));
		}
		// Boot applies it only when no bundle is named: a bundle's trust always
		// validates.
		if (!ssl.isValidateServerCertificate() && ssl.getBundle() == null) {
			weaknesses.add(Violation.insecure(VALIDATE_SERVER_CERTIFICATE, "false",
					"the broker's certificate is not validated: any server, an attacker's too, is trusted",
					"remove " + VALIDATE_SERVER_CERTIFICATE + "=false and name the broker's CA in " + BUNDLE));
		}
		return weaknesses;
	}

	private static Violation plaintext(RabbitProperties properties) {
		List<String> addresses = properties.getAddresses();
		// Boot takes TLS from the first address's scheme before
		// spring.rabbitmq.ssl.enabled.
		if (addresses != null && !addresses.isEmpty() && addresses.get(0).trim().startsWith("amqp://")) {
			return Violation.insecure(ADDRESSES, withoutCredentials(addresses.get(0).trim()),
					"connects to RabbitMQ in plaintext: messages and credentials travel unencrypted",
					"use amqps:// in " + ADDRESSES + " and name the broker's CA in " + BUNDLE);
		}
		Boolean enabled = properties.getSsl().getEnabled();
		return Violation.insecure(ENABLED, (enabled != null) ? enabled.toString() : "false (not set)",
				"connects to RabbitMQ in plaintext: messages and credentials travel unencrypted",
				"set " + ENABLED + "=true and name the broker's CA in " + BUNDLE);
	}

	private static String withoutCredentials(String address) {
		int at = address.lastIndexOf('@');
		return (at < 0) ? address : "amqp://" + address.substring(at + 1);
	}

}
