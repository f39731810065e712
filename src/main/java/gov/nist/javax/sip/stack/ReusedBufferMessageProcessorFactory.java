package gov.nist.javax.sip.stack;

import java.io.IOException;
import java.net.InetAddress;

/**
 * The stack's own message processors (gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY), except that UDP is read by
 * {@link ReusedBufferUdpMessageProcessor}; TCP and TLS are the stack's as they were.
 */
public class ReusedBufferMessageProcessorFactory extends OIOMessageProcessorFactory {
    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack sipStack, InetAddress ipAddress, int port, String transport)
            throws IOException {
        if ("udp".equalsIgnoreCase(transport)) {
            ReusedBufferUdpMessageProcessor processor = new ReusedBufferUdpMessageProcessor(ipAddress, sipStack, port);
            sipStack.udpFlag = true;
            return processor;
        }
        return super.createMessageProcessor(sipStack, ipAddress, port, transport);
    }
}
