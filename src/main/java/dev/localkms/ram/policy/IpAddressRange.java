package dev.localkms.ram.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Block of IPv4 or IPv6 addresses, written as one address or in CIDR notation ({@code 10.0.0.0/8}). */
final class IpAddressRange {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern PREFIX_LENGTH = Pattern.compile("\\d{1,3}");

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private IpAddressRange(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * Parses an address or a CIDR block.
     *
     * @throws IllegalArgumentException if the text is neither, or the prefix length is out of range
     */
    static IpAddressRange parse(String text) {
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        byte[] address = parseAddress(addressText)
                .orElseThrow(() -> new IllegalArgumentException(
                        "\"%s\" is not an IPv4 or IPv6 address or CIDR block".formatted(text)));
        int maxPrefixLength = address.length * Byte.SIZE;
        if (slash < 0) {
            return new IpAddressRange(address, maxPrefixLength, text);
        }
        String prefixText = text.substring(slash + 1);
        if (!PREFIX_LENGTH.matcher(prefixText).matches() || Integer.parseInt(prefixText) > maxPrefixLength) {
            throw new IllegalArgumentException("\"%s\" has an invalid prefix length. Use 0 to %d."
                    .formatted(text, maxPrefixLength));
        }
        return new IpAddressRange(address, Integer.parseInt(prefixText), text);
    }

    /**
     * Parses a literal IPv4 or IPv6 address into its bytes, never asking DNS. An IPv4-mapped IPv6
     * address ({@code ::ffff:10.1.2.3}) comes back as the 4-byte IPv4 address.
     */
    static Optional<byte[]> parseAddress(String text) {
        Matcher ipv4 = IPV4.matcher(text);
        if (ipv4.matches()) {
            return parseIpv4(ipv4);
        }
        if (text.indexOf(':') < 0 || !IPV6_CHARACTERS.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            // In brackets, InetAddress accepts only an IPv6 literal and fails without a DNS lookup.
            return Optional.of(InetAddress.getByName("[" + text + "]").getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> parseIpv4(Matcher ipv4) {
        byte[] address = new byte[4];
        for (int i = 0; i < address.length; i++) {
            int octet = Integer.parseInt(ipv4.group(i + 1));
            if (octet > 255) {
                return Optional.empty();
            }
            address[i] = (byte) octet;
        }
        return Optional.of(address);
    }

    /** Returns whether the address lies in this block. IPv4 addresses are never in IPv6 blocks, nor the reverse. */
    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / Byte.SIZE;
        if (!Arrays.equals(address, 0, fullBytes, network, 0, fullBytes)) {
            return false;
        }
        int remainingBits = prefixLength % Byte.SIZE;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (Byte.SIZE - remainingBits)) & 0xFF;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    @Override
    public String toString() {
        return text;
    }
}
