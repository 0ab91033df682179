import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { loadSchema } from '../node/packageFiles';
import { startServer } from './server';

// Started by the client over IPC (or stdio when run by hand with --stdio).
startServer(createConnection(ProposedFeatures.all), { schema: loadSchema() });
