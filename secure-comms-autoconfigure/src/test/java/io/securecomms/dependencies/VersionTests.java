package io.securecomms.dependencies;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VersionTests {

	@Test
	void missingNumbersAreZero() {
		assertThat(v("5.6")).isEqualByComparingTo(v("5.6.0"));
		assertThat(v("5.6").isBefore(v("5.6.4"))).isTrue();
		assertThat(v("5")).isEqualByComparingTo(v("5.0.0.0"));
	}

	@Test
	void numbersCompareAsNumbers() {
		assertThat(v("5.5.2").isBefore(v("5.6.4"))).isTrue();
		assertThat(v("5.6.3").isBefore(v("5.6.4"))).isTrue();
		assertThat(v("5.6.10").isBefore(v("5.6.4"))).isFalse();
		assertThat(v("4.1.130.Final").isBefore(v("4.1.87.Final"))).isFalse();
	}

	@Test
	void aPreReleaseComesBeforeItsRelease() {
		assertThat(v("5.6.4-alpha1").isBefore(v("5.6.4"))).isTrue();
		assertThat(v("5.6.4-alpha1").isBefore(v("5.6.4-alpha2"))).isTrue();
		assertThat(v("5.6.4-alpha2").isBefore(v("5.6.4-beta1"))).isTrue();
		assertThat(v("5.6.4-beta1").isBefore(v("5.6.4-rc1"))).isTrue();
		assertThat(v("5.6.4-RC1").isBefore(v("5.6.4"))).isTrue();
		assertThat(v("1.0.0-M2").isBefore(v("1.0.0-RC1"))).isTrue();
		assertThat(v("5.6.4-SNAPSHOT").isBefore(v("5.6.4"))).isTrue();
		assertThat(v("5.6.4-alpha1").isPreRelease()).isTrue();
	}

	@Test
	void aPreReleaseOfALaterLineComesAfterAnEarlierRelease() {
		assertThat(v("5.7-beta").isBefore(v("5.6.4"))).isFalse();
		assertThat(v("5.7-alpha1").isBefore(v("5.6.4"))).isFalse();
	}

	@Test
	void releaseQualifiersAndBuildSuffixesAreTheRelease() {
		assertThat(v("4.1.130.Final")).isEqualByComparingTo(v("4.1.130"));
		assertThat(v("6.8.2.RELEASE")).isEqualByComparingTo(v("6.8.2"));
		assertThat(v("6.8.2.RELEASE/34f8700")).isEqualByComparingTo(v("6.8.2"));
		assertThat(v("12.8.1.jre11")).isEqualByComparingTo(v("12.8.1"));
		assertThat(v("4.1.130.Final").isPreRelease()).isFalse();
	}

	@Test
	void textThatDoesNotStartWithANumberCannotBeCompared() {
		assertThat(Version.parse("unknown")).isEmpty();
		assertThat(Version.parse("")).isEmpty();
		assertThat(Version.parse(null)).isEmpty();
		assertThat(Version.parse("${project.version}")).isEmpty();
		assertThat(Version.parse("99999999999.1")).isEmpty();
	}

	private static Version v(String text) {
		return Version.parse(text).orElseThrow();
	}

}
