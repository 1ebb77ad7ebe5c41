/**
 * Entry point of dist/server.js. `createConnection(ProposedFeatures.all)` picks the transport from
 * the command line: --stdio, --node-ipc or --socket=<port>.
 */
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startLanguageServer } from './server';

startLanguageServer(createConnection(ProposedFeatures.all));
