package io.securecomms.dependencies;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A library's version as a jar states it ({@code 5.6}, {@code 5.6.4},
 * {@code 5.6.4-alpha1}, {@code 4.1.130.Final}, {@code 6.8.2.RELEASE}), ordered as Maven
 * orders releases:
 * <ul>
 * <li>missing numbers are zero: {@code 5.6} is {@code 5.6.0}, before {@code 5.6.4};</li>
 * <li>a pre-release ({@code alpha}, {@code beta}, {@code milestone}/{@code M},
 * {@code rc}/{@code cr}, {@code SNAPSHOT}, {@code preview}, {@code ea}) comes before the
 * release of the same numbers: {@code 5.6.4-alpha1} is before {@code 5.6.4}; pre-releases
 * compare by their qualifier's kind, then its number;</li>
 * <li>any other qualifier ({@code Final}, {@code RELEASE}, {@code GA}, {@code jre11}, a
 * build suffix) is the release itself.</li>
 * </ul>
 * So a pre-release of a later line ({@code 5.7-beta}) is after {@code 5.6.4}: a flaw
 * fixed in 5.6.4 is taken as fixed there, the order Maven and the advisories use.
 *
 * @param numbers the leading numbers
 * @param preRelease the pre-release kind's rank (0 alpha ... 4 snapshot ... ), or
 * {@link #RELEASE}
 * @param preReleaseNumber the number following the pre-release kind ({@code alpha1}: 1),
 * or 0
 * @param text the version as read
 */
public record Version(List<Integer> numbers, int preRelease, int preReleaseNumber,
		String text) implements Comparable<Version> {

	/** The rank of a release: after every pre-release. */
	static final int RELEASE = Integer.MAX_VALUE;

	private static final Pattern SHAPE = Pattern.compile("(\\d+(?:\\.\\d+)*)(.*)");

	private static final Pattern QUALIFIER = Pattern.compile("[-._]?([a-z]+)[-._]?(\\d*).*");

	/**
	 * Pre-release kinds, in Maven's order (a snapshot sorts just before the release
	 * here).
	 */
	private static final List<List<String>> PRE_RELEASES = List.of(List.of("alpha", "a"), List.of("beta", "b"),
			List.of("milestone", "m", "preview", "ea"), List.of("rc", "cr"), List.of("snapshot"));

	/**
	 * @return the version, or empty when {@code text} does not start with a number (it
	 * cannot be compared)
	 */
	public static Optional<Version> parse(@Nullable String text) {
		if (text == null) {
			return Optional.empty();
		}
		Matcher matcher = SHAPE.matcher(text.trim());
		if (!matcher.matches()) {
			return Optional.empty();
		}
		List<Integer> numbers = new ArrayList<>();
		for (String number : matcher.group(1).split("\\.")) {
			try {
				numbers.add(Integer.parseInt(number));
			}
			catch (NumberFormatException ex) {
				return Optional.empty();
			}
		}
		int preRelease = RELEASE;
		int preReleaseNumber = 0;
		Matcher qualifier = QUALIFIER.matcher(matcher.group(2).toLowerCase(Locale.ROOT));
		if (qualifier.matches()) {
			for (int rank = 0; rank < PRE_RELEASES.size(); rank++) {
				if (PRE_RELEASES.get(rank).contains(qualifier.group(1))) {
					preRelease = rank;
					preReleaseNumber = qualifier.group(2).isEmpty() ? 0 : parseOrZero(qualifier.group(2));
				}
			}
		}
		return Optional.of(new Version(List.copyOf(numbers), preRelease, preReleaseNumber, text.trim()));
	}

	private static int parseOrZero(String digits) {
		try {
			return Integer.parseInt(digits);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	public boolean isPreRelease() {
		return this.preRelease != RELEASE;
	}

	public boolean isBefore(Version other) {
		return compareTo(other) < 0;
	}

	@Override
	public int compareTo(Version other) {
		int length = Math.max(this.numbers.size(), other.numbers.size());
		for (int i = 0; i < length; i++) {
			int difference = Integer.compare(number(this, i), number(other, i));
			if (difference != 0) {
				return difference;
			}
		}
		int kind = Integer.compare(this.preRelease, other.preRelease);
		return (kind != 0) ? kind : Integer.compare(this.preReleaseNumber, other.preReleaseNumber);
	}

	private static int number(Version version, int index) {
		return (index < version.numbers.size()) ? version.numbers.get(index) : 0;
	}

	@Override
	public String toString() {
		return this.text;
	}

}
