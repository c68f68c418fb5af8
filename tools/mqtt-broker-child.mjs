// Runs one aedes broker in its own process (see startBrokerProcess in mqtt-broker.mjs):
//   node tools/mqtt-broker-child.mjs <port> [host]
// Tells its parent { url, port } once listening; stops on the message 'stop', or when the
// parent goes away.
import { startBroker } from './mqtt-broker.mjs';

const broker = await startBroker({ port: Number(process.argv[2] ?? 0), host: process.argv[3] || '127.0.0.1' });
process.send?.({ url: broker.url, port: broker.port });
const stop = async () => {
  await broker.stop();
  process.exit(0);
};
process.on('message', (m) => m === 'stop' && void stop());
process.on('disconnect', () => void stop());
