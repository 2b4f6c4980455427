/**
 * The Query protocol's answers, as CloudWatch writes them (see query-protocol.ts for what was
 * seen on the wire): an operation's JSON-shaped result as `<ActionResponse>` XML in CloudWatch's
 * namespace, lists as `<member>` elements, timestamps ISO 8601; errors as `<ErrorResponse>` with
 * the Query code.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { CLOUDWATCH_QUERY_TYPES, CLOUDWATCH_QUERY_VERSION } from './query-protocol.ts';
import type { AwsWireError } from './wire.ts';

type Node = Record<string, unknown>;

const CLOUDWATCH_XML_NAMESPACE = `http://monitoring.amazonaws.com/doc/${CLOUDWATCH_QUERY_VERSION}/`;

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function scalarXml(name: string, value: unknown): string {
  if (CLOUDWATCH_QUERY_TYPES[name] === 'timestamp' && typeof value === 'number') {
    return new Date(Math.round(value * 1000)).toISOString();
  }
  return escapeXml(String(value));
}

/** A JSON-shaped value as the Query protocol's XML (lists as `<member>` elements). */
function toXml(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    if (value.length === 0) return `<${name}/>`;
    // A scalar list member takes the list's type (Timestamps, Values).
    const members = value.map((item) =>
      item !== null && typeof item === 'object'
        ? toXml('member', item)
        : `<member>${scalarXml(name, item)}</member>`,
    );
    return `<${name}>${members.join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value as Node)
      .map(([key, item]) => toXml(key, item))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${scalarXml(name, value)}</${name}>`;
}

function write(response: ServerResponse, status: number, xml: string, requestId: string): void {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
  response.writeHead(status, {
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(text),
    'x-amzn-RequestId': requestId,
  });
  response.end(text);
}

/** Writes an operation's (JSON-shaped) result as its `<ActionResponse>`. */
export function writeQueryResult(response: ServerResponse, action: string, result: unknown): void {
  const requestId = randomUUID();
  const fields = result !== null && typeof result === 'object' ? Object.entries(result as Node) : [];
  const body = fields.length === 0 ? '' : toXml(`${action}Result`, result);
  const metadata = `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>`;
  write(
    response,
    200,
    `<${action}Response xmlns="${CLOUDWATCH_XML_NAMESPACE}">${body}${metadata}</${action}Response>`,
    requestId,
  );
}

/** Writes an error as the Query protocol's `<ErrorResponse>`, with its Query code. */
export function writeQueryError(response: ServerResponse, error: AwsWireError): void {
  const requestId = randomUUID();
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  const xml =
    `<ErrorResponse xmlns="${CLOUDWATCH_XML_NAMESPACE}"><Error><Type>${type}</Type>` +
    `<Code>${escapeXml(error.queryCode)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  write(response, error.status, xml, requestId);
}
