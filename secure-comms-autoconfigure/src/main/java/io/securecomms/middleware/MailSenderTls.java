package io.securecomms.middleware;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.net.ssl.SSLSocketFactory;

import io.securecomms.metrics.Channel;
import io.securecomms.metrics.OutboundHandshakeObserver;
import io.securecomms.policy.Violation;
import org.jspecify.annotations.Nullable;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Puts a {@link JavaMailSenderImpl} (SMTP through Angus Mail) on verified TLS: SMTPS, or
 * STARTTLS that is required, with the server identity checked. Angus Mail reads its
 * settings under the transport's own prefix, {@code mail.smtp.*} or {@code mail.smtps.*},
 * so every rule here is read for the sender's protocol. Where TLS is used at all, Angus
 * Mail gets the policy's socket factory as the object
 * {@code mail.<protocol>.ssl.socketFactory} (for SMTPS and for STARTTLS alike), with no
 * fallback to the JVM's default factory.
 */
public final class MailSenderTls {

	static final String BUNDLE_PROPERTY = "spring.mail.ssl.bundle";

	private final MiddlewareTls tls;

	private final MiddlewareConnections connections;

	public MailSenderTls(MiddlewareTls tls, MiddlewareConnections connections) {
		this.tls = tls;
		this.connections = connections;
	}

	/**
	 * Checks the sender, records it, and gives Angus Mail the policy's socket factory
	 * where it uses TLS.
	 * @param bootBundle {@code spring.mail.ssl.bundle}, or {@code null}
	 * @param bootProperties whether the JavaMail properties come from
	 * {@code spring.mail.properties} (Boot built the sender), to name the property the
	 * user writes
	 * @throws io.securecomms.policy.InsecureConfigurationException in enforce mode, when
	 * the sender is weakened
	 */
	public void secure(String beanName, JavaMailSenderImpl sender, @Nullable String bootBundle,
			boolean bootProperties) {
		// The session's own properties, which Angus Mail reads: the sender's JavaMail
		// properties (the session
		// keeps that very object), or those of a session from JNDI.
		Properties properties = sender.getSession().getProperties();
		Settings settings = new Settings(sender.getProtocol(), properties, bootBundle, bootProperties);
		boolean usesTls = settings.usesTls();
		this.connections.check(
				new MiddlewareConnection(Channel.MAIL, "JavaMailSender '" + beanName + "' (" + settings.protocol + ")",
						List.of(hostAndPort(sender, settings)),
						usesTls ? this.tls.trustSource(bootBundle, BUNDLE_PROPERTY) : "none", usesTls),
				settings.weaknesses());
		if (usesTls) {
			settings.applyTo(properties,
					this.tls.sslContext(Channel.MAIL, bootBundle, BUNDLE_PROPERTY).getSocketFactory(),
					this.tls.observer(Channel.MAIL));
		}
	}

	private static String hostAndPort(JavaMailSenderImpl sender, Settings settings) {
		String host = (sender.getHost() != null) ? sender.getHost()
				: settings.properties.getProperty(settings.key("host"), "localhost");
		int defaultPort = settings.implicitTls() ? 465 : 25;
		int port = (sender.getPort() != -1) ? sender.getPort() : settings.intProperty("port", defaultPort);
		return host + ":" + port;
	}

	/**
	 * One sender's JavaMail properties, read as Angus Mail reads them for its protocol.
	 */
	static final class Settings {

		private final String protocol;

		private final Properties properties;

		private final @Nullable String bootBundle;

		private final boolean bootProperties;

		Settings(@Nullable String protocol, Properties properties, @Nullable String bootBundle,
				boolean bootProperties) {
			// As JavaMailSenderImpl picks its transport: its protocol, else the session's
			// mail.transport.protocol.
			this.protocol = (protocol != null && !protocol.isEmpty()) ? protocol
					: properties.getProperty("mail.transport.protocol", "smtp");
			this.properties = properties;
			this.bootBundle = bootBundle;
			this.bootProperties = bootProperties;
		}

		/**
		 * TLS from the first byte: SMTPS, or {@code mail.smtp.ssl.enable}, which Angus
		 * Mail treats alike.
		 */
		boolean implicitTls() {
			return "smtps".equals(this.protocol) || booleanProperty("ssl.enable", false);
		}

		boolean startTlsRequired() {
			return booleanProperty("starttls.required", false);
		}

		/**
		 * Whether any connection may use TLS (Angus Mail also issues STARTTLS when it is
		 * only required).
		 */
		boolean usesTls() {
			return implicitTls() || startTlsRequired() || booleanProperty("starttls.enable", false);
		}

		List<Violation> weaknesses() {
			List<Violation> weaknesses = new ArrayList<>();
			if (!implicitTls() && !startTlsRequired()) {
				String fix = "set " + name("starttls.required") + "=true (STARTTLS), or spring.mail.protocol=smtps "
						+ "(SMTPS, usually port 465)";
				weaknesses.add(Violation.insecure(name("starttls.required"), value("starttls.required", "false"),
						booleanProperty("starttls.enable", false)
								? "STARTTLS is only used when the server offers it: whoever removes the offer from the "
										+ "plaintext greeting receives the messages and the password in clear"
								: "the mail server is reached over plain SMTP: messages and the password go in clear",
						fix));
			}
			if (!booleanProperty("ssl.checkserveridentity", true)) {
				weaknesses.add(Violation.insecure(name("ssl.checkserveridentity"), "false",
						"Angus Mail would not check that the server's certificate names the host it connects to",
						"remove " + name("ssl.checkserveridentity") + ": the server identity must be checked"));
			}
			String trusted = this.properties.getProperty(key("ssl.trust"));
			if (trusted != null) {
				weaknesses.add(Violation.insecure(name("ssl.trust"), trusted,
						"*".equals(trusted.trim()) ? "trusts every certificate any server presents"
								: "trusts any certificate these hosts present, whoever signed it",
						"remove " + name("ssl.trust") + " and name the server's CA in " + BUNDLE_PROPERTY
								+ " (or secure.comms.middleware.trust-bundle)"));
			}
			for (String factory : List.of("ssl.socketFactory", "socketFactory")) {
				String className = this.properties.getProperty(key(factory + ".class"));
				if (className != null) {
					weaknesses.add(ownSocketFactory(factory + ".class", className));
				}
				Object instance = this.properties.get(key(factory));
				if (instance != null && ownSocketFactoryInstance(factory)) {
					weaknesses.add(ownSocketFactory(factory, instance.getClass().getName()));
				}
			}
			return weaknesses;
		}

		private Violation ownSocketFactory(String name, String value) {
			return Violation.insecure(name(name), value,
					"a socket factory of the application's own decides what the mail connection trusts, outside "
							+ "the policy",
					"remove " + name(name) + ": secure-comms gives Angus Mail the policy's socket factory, trusting "
							+ BUNDLE_PROPERTY + " or secure.comms.middleware.trust-bundle");
		}

		/**
		 * Whether the application set a socket factory object; the one Boot made from
		 * {@code spring.mail.ssl.bundle} is not the application's own, and is replaced by
		 * the policy's.
		 */
		private boolean ownSocketFactoryInstance(String factory) {
			boolean fromBootBundle = factory.equals("ssl.socketFactory") && this.bootBundle != null;
			return this.properties.get(key(factory)) != null && !fromBootBundle;
		}

		private boolean ownPlainSocketFactory() {
			return ownSocketFactoryInstance("socketFactory")
					|| this.properties.getProperty(key("socketFactory.class")) != null;
		}

		/**
		 * The policy's socket factory for SMTPS and for STARTTLS alike, the server
		 * identity checked, and no fallback: on a failed handshake Angus Mail would
		 * otherwise retry with the JVM's default factory. With STARTTLS required, a
		 * server that never upgrades the connection is counted as a plaintext refusal.
		 */
		void applyTo(Properties target, SSLSocketFactory policyFactory, OutboundHandshakeObserver observer) {
			SSLSocketFactory tlsSockets = policyFactory;
			if (!implicitTls() && startTlsRequired() && !ownPlainSocketFactory()) {
				StartTlsWatch watch = new StartTlsWatch(policyFactory, observer);
				target.put(key("socketFactory"), watch.plainSockets());
				tlsSockets = watch.tlsSockets();
			}
			target.put(key("ssl.socketFactory"), tlsSockets);
			target.remove(key("ssl.socketFactory.class"));
			target.setProperty(key("ssl.checkserveridentity"), "true");
			target.setProperty(key("socketFactory.fallback"), "false");
		}

		/**
		 * As Angus Mail's {@code PropUtil} reads it: a Boolean, or a String that only
		 * turns the default around when it is exactly "true" or "false" in any case (not
		 * trimmed); anything else leaves the default.
		 */
		private boolean booleanProperty(String name, boolean fallback) {
			Object value = this.properties.get(key(name));
			if (value == null) {
				value = this.properties.getProperty(key(name));
			}
			if (value instanceof Boolean bool) {
				return bool;
			}
			if (value instanceof String text) {
				return fallback ? !text.equalsIgnoreCase("false") : text.equalsIgnoreCase("true");
			}
			return fallback;
		}

		int intProperty(String name, int fallback) {
			String value = this.properties.getProperty(key(name));
			try {
				return (value != null) ? Integer.parseInt(value.trim()) : fallback;
			}
			catch (NumberFormatException ex) {
				return fallback;
			}
		}

		/** Angus Mail takes a Boolean or a String. */
		private String value(String name, String fallback) {
			Object value = this.properties.get(key(name));
			return (value != null) ? value.toString() : fallback;
		}

		private String key(String name) {
			return "mail." + this.protocol + "." + name;
		}

		/**
		 * The property the user writes: Boot's {@code spring.mail.properties[...]}, or
		 * the JavaMail one.
		 */
		private String name(String name) {
			return this.bootProperties ? "spring.mail.properties[" + key(name) + "]" : key(name);
		}

	}

}
