package io.securecomms.client;

import java.io.IOException;

import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;

/**
 * Refuses every exchange whose route is not {@code https}, before a connection is opened. It sits after
 * HttpClient's redirect handling, so a redirect from https to http is refused the same way.
 */
final class PlaintextGuard implements ExecChainHandler, AsyncExecChainHandler {

	static final String NAME = "secure-comms-plaintext-guard";

	private final OutboundTls tls;

	PlaintextGuard(OutboundTls tls) {
		this.tls = tls;
	}

	@Override
	public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
			throws IOException, HttpException {
		check(scope.route);
		return chain.proceed(request, scope);
	}

	@Override
	public void execute(HttpRequest request, AsyncEntityProducer entityProducer, AsyncExecChain.Scope scope,
			AsyncExecChain chain, AsyncExecCallback callback) throws HttpException, IOException {
		try {
			check(scope.route);
		}
		catch (PlaintextRefusedException ex) {
			callback.failed(ex);
			return;
		}
		chain.proceed(request, entityProducer, scope, callback);
	}

	private void check(HttpRoute route) throws PlaintextRefusedException {
		HttpHost target = route.getTargetHost();
		if (!"https".equalsIgnoreCase(target.getSchemeName())) {
			int port = (target.getPort() > 0) ? target.getPort() : 80;
			this.tls.observer().plaintextRefused(this.tls.resolve(target.getHostName(), port).peer());
			throw new PlaintextRefusedException(target.toURI());
		}
	}

}
