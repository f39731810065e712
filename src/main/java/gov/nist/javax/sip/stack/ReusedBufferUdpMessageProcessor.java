package gov.nist.javax.sip.stack;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.Arrays;

import gov.nist.core.CommonLogger;
import gov.nist.core.LogWriter;
import gov.nist.core.StackLogger;
import gov.nist.core.ThreadAuditor;

/**
 * JAIN-SIP's UDP reader with one receive buffer per socket, reused for every datagram. The stack's own reader
 * allocates a new 64 KiB array for each datagram it receives (JAIN-SIP RI 1.3.0-91), so a gateway answering a
 * thousand MESSAGEs a second allocated about 100 MB/s for datagrams of a few hundred bytes: two thirds of all its
 * allocation, and what set the pace of its garbage collections. Here each datagram is copied out at its own length
 * and queued for the stack's threads exactly as before; a datagram of any size up to 64 KiB arrives whole.
 * Lives in the stack's package because the channel threads it starts have only package-visible constructors.
 */
public class ReusedBufferUdpMessageProcessor extends UDPMessageProcessor {
    private static final StackLogger LOGGER = CommonLogger.getLogger(ReusedBufferUdpMessageProcessor.class);
    /** The largest UDP payload there is (65,535 minus the IP and UDP headers), rounded up. */
    static final int BUFFER_BYTES = 65_536;

    protected ReusedBufferUdpMessageProcessor(InetAddress ipAddress, SIPTransactionStack sipStack, int port) throws IOException {
        super(ipAddress, sipStack, port);
    }

    /** A copy of the received datagram at its own length, with its sender's address: what the stack's channel reads. */
    static DatagramPacket copyOf(DatagramPacket received) {
        byte[] data = Arrays.copyOfRange(received.getData(), received.getOffset(), received.getOffset() + received.getLength());
        return new DatagramPacket(data, data.length, received.getAddress(), received.getPort());
    }

    @Override
    public void run() {
        // The stack builds its channel list on this thread while stop() iterates it on another, so a stop right after the
        // start failed with ConcurrentModificationException: the list is built aside and published under the lock stop() holds.
        java.util.LinkedList<UDPMessageChannel> channels = new java.util.LinkedList<>();
        if (sipStack.threadPoolSize != -1) {
            for (int i = 0; i < sipStack.threadPoolSize; i++) {
                channels.add(new UDPMessageChannel(sipStack, this, ((gov.nist.javax.sip.SipStackImpl) sipStack).getStackName()
                        + "-UDPMessageChannelThread-" + i));
            }
        }
        synchronized (this) {
            this.messageChannels = channels;
            if (!isRunning) {
                channels.forEach(UDPMessageChannel::close); // stopped while they were being made: stop() did not see them
                return;
            }
        }
        ThreadAuditor.ThreadHandle audit = sipStack.getThreadAuditor() == null ? null : sipStack.getThreadAuditor().addCurrentThread();
        byte[] buffer = new byte[BUFFER_BYTES];
        int failures = 0;
        while (this.isRunning) {
            try {
                if (audit != null) {
                    audit.ping();
                }
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                sock.receive(packet);
                DatagramPacket copy = copyOf(packet);
                if (sipStack.threadPoolSize != -1) {
                    messageQueue.offer(new DatagramQueuedMessageDispatch(copy, System.currentTimeMillis()));
                } else {
                    new UDPMessageChannel(sipStack, this, copy);
                }
                failures = 0;
            } catch (SocketException e) {
                if (!isRunning) {
                    return;
                }
                failures = report(e, failures);
            } catch (IOException | RuntimeException e) {
                failures = report(e, failures);
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (messageChannels == null) {
            messageChannels = new java.util.LinkedList<>();
        }
        super.stop();
    }

    /** As the stack's reader: a failed receive is logged (the first ten in a row) and reading goes on. */
    private int report(Exception e, int failures) {
        if (failures < 10 && LOGGER.isLoggingEnabled(LogWriter.TRACE_ERROR)) {
            LOGGER.logError("UDP receive on " + sock.getLocalAddress().getHostAddress() + ":" + getPort() + " failed: " + e, e);
        }
        return failures + 1;
    }
}
