/**
 * The engine's transport over ActiveMQ Artemis: {@link dev.understudy.transport.artemis.ArtemisTransport},
 * configured by {@link dev.understudy.transport.artemis.ArtemisTransportConfig}.
 *
 * <h2>Broker objects</h2>
 * Per node and connection: a temporary queue {@code understudy.<cluster>.node.<node>.<n>} on the MULTICAST
 * address {@code understudy.<cluster>.node.<node>} (frames for that node), and one {@code
 * understudy.<cluster>.members.<node>.<n>} on the MULTICAST address {@code understudy.<cluster>.members}
 * (broadcasts); {@code <n>} is random per connection. The broker deletes both with the connection, at the latest
 * after the connection TTL for a node killed outright; until then a dead node's queue only receives copies,
 * so a node restarted at once gets every frame meant for it (a queue shared across incarnations would hand the
 * dead consumer its share, held until the TTL — found by the Payara restart-after-kill test). Frames sent to a
 * node while it has no subscription are dropped; the engine heals what a node missed. Plus a temporary
 * filtered queue on {@code activemq.notifications} for the peer-gone hint. Frames are non-durable core messages
 * whose body is the frame's bytes.
 *
 * <p>And the <b>lifeline</b> ({@link dev.understudy.transport.artemis.Lifeline}): a second, idle connection per
 * node with one more temporary queue {@code understudy.<cluster>.node.<node>.<n>} on the node's address, whose
 * filter matches no frame, on a session without a confirmation window. The main connection's sessions can
 * re-attach, so the broker keeps them after a {@code kill -9} until the connection TTL; the lifeline's session
 * cannot, so the broker closes it as soon as the socket drops and its CONSUMER_CLOSED notification reaches the
 * peers within milliseconds (measured: a takeover ~30 ms after the killed JVM's sockets closed).
 *
 * <h2>Broker permissions a node needs</h2>
 * send to {@code understudy.<cluster>.#}; create temporary queues on, and consume from, its own node address,
 * the members address and {@code activemq.notifications} (without the latter the peer-gone hint is off,
 * logged as US-T402); auto-creation of the addresses (default address settings). Keep
 * {@code address-full-policy} at PAGE, DROP or FAIL for these addresses: with BLOCK, a full address stalls
 * the sender thread until credits return (frames queued behind it are reported when the queue overflows).
 *
 * <h2>Artemis client behaviour this code relies on (2.56)</h2>
 * <ul>
 * <li>With {@code reconnectAttempts=-1} the client reconnects after a broker restart and re-creates
 * sessions, consumers and any non-durable or temporary queue a consumer was on; it sends those requests
 * without waiting for answers, so the transport checks on the consumer session's own channel (ordered after
 * them) that its queues are back before it reports {@code onConnected}.</li>
 * <li>Non-blocking sends that were written to a socket whose broker then died vanish without error. With a
 * confirmation window and a {@code SendAcknowledgementHandler} the broker answers every send, so the
 * transport keeps each frame until answered and reports the unanswered ones when the connection fails. A
 * reported frame may have arrived (its answer lost): receivers must tolerate duplicates.</li>
 * <li>The client tells the failure listeners ({@code beforeReconnect}) before it holds sends back for the
 * reconnection: a send in between is written to the dead connection without error. So the transport takes
 * the unconfirmed frames and refuses further sends on that connection in one step, under one lock.</li>
 * <li>A send waiting for producer credits never times out ({@code callTimeout} does not apply); when the
 * broker dies, it would wait for the whole outage. The transport interrupts it when the connection is lost.</li>
 * <li>A core message to an address without queues is dropped by the broker, silently and confirmed.</li>
 * <li>The shared Netty event loop of the client outlives the last connection by ten seconds; each transport
 * uses its own one-thread loop instead. During a broker outage each failed attempt starts and ends one such
 * thread.</li>
 * <li>After a reconnection to a restarted broker the client logs {@code AMQ212036 Can not find packet to
 * clear}, and the broker {@code AMQ222309} about a producer that no longer exists: harmless.</li>
 * </ul>
 */
package dev.understudy.transport.artemis;
