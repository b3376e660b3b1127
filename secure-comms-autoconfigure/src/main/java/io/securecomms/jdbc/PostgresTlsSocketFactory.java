package io.securecomms.jdbc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Properties;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * pgjdbc's {@code sslfactory}: pgjdbc instantiates it with the connection's properties,
 * from which it finds the data source's {@link JdbcTlsConnector}. Trust and identity come
 * from the JDBC SSL bundles; pgjdbc's own {@code sslrootcert}/{@code sslcert} files are
 * not read.
 */
public class PostgresTlsSocketFactory extends SSLSocketFactory {

	private final JdbcTlsConnector connector;

	public PostgresTlsSocketFactory(Properties info) {
		// pgjdbc's own data sources take only pgjdbc's property names: there the key
		// comes as sslfactoryarg.
		this.connector = JdbcTlsRegistry.lookup(info.getProperty(JdbcTlsRegistry.KEY_PROPERTY,
				info.getProperty(PgjdbcDataSourceSettings.FACTORY_ARGUMENT)));
	}

	@Override
	public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
		return this.connector.layer(socket, host, port, autoClose);
	}

	@Override
	public String[] getDefaultCipherSuites() {
		return this.connector.cipherSuites();
	}

	@Override
	public String[] getSupportedCipherSuites() {
		return this.connector.cipherSuites();
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return configured(factory().createSocket(host, port));
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return configured(factory().createSocket(host, port, localHost, localPort));
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return configured(factory().createSocket(host, port));
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return configured(factory().createSocket(address, port, localAddress, localPort));
	}

	private SSLSocketFactory factory() {
		return this.connector.context().getSocketFactory();
	}

	private Socket configured(Socket socket) {
		return this.connector.configure((SSLSocket) socket);
	}

}
