package org.federationgateway.translate;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Percent-encoding of URI parts as RFC 7247 §6.4 step 3 and §6.5 step 5 require (UTF-8 octets). */
final class PercentCoding {
    /** RFC 3261 user: unreserved / escaped / user-unreserved. */
    private static final String SIP_USER_SAFE = "-_.!~*'()&=+$,;?/";
    /** RFC 3261 paramchar: param-unreserved / unreserved (without ':' and '&' to stay unambiguous). */
    private static final String PARAM_SAFE = "-_.!~*'()[]/+$";
    /** im:/pres: dot-atom local part (RFC 7247 Table 1) minus what §6.5 says to encode. */
    private static final String IM_USER_SAFE = "!#$&'*+-/=?^_`{|}~";

    private PercentCoding() {
    }

    static String decode(String encoded, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new TranslationException("truncated percent escape in the " + what);
                }
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new TranslationException("invalid percent escape '" + encoded.substring(i, i + 3) + "' in the " + what);
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < encoded.length()) {
                    utf8 = encoded.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(utf8);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new TranslationException("the " + what + " is not UTF-8 after percent-decoding (RFC 7247 §6.4 step 4)");
        }
    }

    static String encodeSipUser(String text) {
        return encode(text, SIP_USER_SAFE);
    }

    static String encodeImUser(String text) {
        return encode(text, IM_USER_SAFE);
    }

    static String encodeParam(String text) {
        return encode(text, PARAM_SAFE);
    }

    private static String encode(String text, String safe) {
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (byte x : text.getBytes(StandardCharsets.UTF_8)) {
            int u = x & 0xff;
            if (u < 0x80 && (Character.isLetterOrDigit(u) || safe.indexOf(u) >= 0)) {
                b.append((char) u);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(u >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(u & 0xf, 16)));
            }
        }
        return b.toString();
    }
}
