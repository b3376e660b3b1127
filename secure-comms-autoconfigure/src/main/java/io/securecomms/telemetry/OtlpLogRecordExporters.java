package io.securecomms.telemetry;

import java.util.function.Function;

import javax.net.ssl.SSLContext;

import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.Transport;

/**
 * Boot's OTLP log record exporters (HTTP or gRPC) on the policy. Boot 4.0 offers no
 * builder customizer for them, so Boot's exporter bean is rebuilt from its own
 * {@code toBuilder()} with the exporter's SSL context ({@code peer=otlp-logging}) and the
 * original, which has sent nothing, is shut down. A plaintext endpoint is a violation
 * naming {@code management.opentelemetry.logging.export.otlp.endpoint}. An exporter bean
 * of the application's own (another bean name) is left alone: its endpoint is not Boot's
 * connection details'.
 */
public final class OtlpLogRecordExporters implements BeanPostProcessor {

	public static final TelemetryExporter EXPORTER = TelemetryExporter.url("otlp-logging",
			"management.opentelemetry.logging.export.otlp.endpoint", "management.logging.export.otlp.enabled");

	/** The names of the beans Boot's {@code OtlpLoggingAutoConfiguration} defines. */
	static final String HTTP_BEAN = "otlpHttpLogRecordExporter";

	static final String GRPC_BEAN = "otlpGrpcLogRecordExporter";

	private final ObjectProvider<ExporterTls> tls;

	private final Function<Transport, String> urls;

	/**
	 * @param urls the URL Boot's exporter sends to, per transport (its connection
	 * details)
	 */
	public OtlpLogRecordExporters(ObjectProvider<ExporterTls> tls, Function<Transport, String> urls) {
		this.tls = tls;
		this.urls = urls;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof OtlpHttpLogRecordExporter exporter && HTTP_BEAN.equals(beanName)) {
			SSLContext context = secure(Transport.HTTP);
			if (context != null) {
				exporter.shutdown();
				return exporter.toBuilder().setSslContext(context, ExporterTls.contextTrust()).build();
			}
		}
		else if (bean instanceof OtlpGrpcLogRecordExporter exporter && GRPC_BEAN.equals(beanName)) {
			SSLContext context = secure(Transport.GRPC);
			if (context != null) {
				exporter.shutdown();
				return exporter.toBuilder().setSslContext(context, ExporterTls.contextTrust()).build();
			}
		}
		return bean;
	}

	private @Nullable SSLContext secure(Transport transport) {
		return this.tls.getObject().secure(EXPORTER, this.urls.apply(transport));
	}

}
