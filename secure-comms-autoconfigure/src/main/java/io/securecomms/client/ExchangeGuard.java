package io.securecomms.client;

import java.io.IOException;

import javax.net.ssl.SSLException;

import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;

/**
 * An exec-chain element of the HTTP clients with two duties. It refuses every exchange
 * whose route is not {@code https}, before a connection is opened (placed after
 * HttpClient's redirect handling too, so a redirect from https to http is refused the
 * same way). And it counts TLS failures that only surface after the handshake: with TLS
 * 1.3 the server judges the client's certificate after the client has finished, so its
 * refusal arrives with the first read.
 */
final class ExchangeGuard implements ExecChainHandler, AsyncExecChainHandler {

	static final String NAME = "secure-comms-exchange-guard";

	private final OutboundTls tls;

	private final boolean refusePlaintext;

	private final boolean countLateFailures;

	ExchangeGuard(OutboundTls tls, boolean refusePlaintext, boolean countLateFailures) {
		this.tls = tls;
		this.refusePlaintext = refusePlaintext;
		this.countLateFailures = countLateFailures;
	}

	@Override
	public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
			throws IOException, HttpException {
		checkScheme(scope.route);
		try {
			return chain.proceed(request, scope);
		}
		catch (IOException ex) {
			countIfLateTlsFailure(scope.route, ex);
			throw ex;
		}
	}

	@Override
	public void execute(HttpRequest request, AsyncEntityProducer entityProducer, AsyncExecChain.Scope scope,
			AsyncExecChain chain, AsyncExecCallback callback) throws HttpException, IOException {
		try {
			checkScheme(scope.route);
		}
		catch (PlaintextRefusedException ex) {
			callback.failed(ex);
			return;
		}
		chain.proceed(request, entityProducer, scope, new AsyncExecCallback() {

			@Override
			public AsyncDataConsumer handleResponse(HttpResponse response, EntityDetails entityDetails)
					throws HttpException, IOException {
				return callback.handleResponse(response, entityDetails);
			}

			@Override
			public void handleInformationResponse(HttpResponse response) throws HttpException, IOException {
				callback.handleInformationResponse(response);
			}

			@Override
			public void completed() {
				callback.completed();
			}

			@Override
			public void failed(Exception cause) {
				countIfLateTlsFailure(scope.route, cause);
				callback.failed(cause);
			}

		});
	}

	private void checkScheme(HttpRoute route) throws PlaintextRefusedException {
		HttpHost target = route.getTargetHost();
		if (this.refusePlaintext && !"https".equalsIgnoreCase(target.getSchemeName())) {
			int port = (target.getPort() > 0) ? target.getPort() : 80;
			this.tls.observer().plaintextRefused(this.tls.resolve(target.getHostName(), port).peer());
			throw new PlaintextRefusedException(target.toURI());
		}
	}

	private void countIfLateTlsFailure(HttpRoute route, Exception failure) {
		if (!this.countLateFailures || !isTls(failure) || this.tls.observer().alreadyCounted(failure)) {
			return;
		}
		HttpHost target = route.getTargetHost();
		int port = (target.getPort() > 0) ? target.getPort() : 443;
		OutboundTls.Target resolved = this.tls.resolve(target.getHostName(), port);
		this.tls.observer()
			.failed(resolved.peer(), target.getHostName() + ":" + port, failure, resolved.presentsCertificate());
	}

	private static boolean isTls(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SSLException) {
				return true;
			}
		}
		return false;
	}

}
