/**
 * The one schema for the vendor requirement data under `data/`.
 * TypeScript types are inferred from it (see the `export type` lines), never written twice.
 * Structural checks live here; semantic checks that need an IP library live in `validate.ts`.
 */
import * as v from 'valibot';
import { PROBE_KINDS } from './probe-url';
import { ID_PATTERN } from './id-pattern';

export const LEVELS = ['mandatory', 'highly-recommended', 'recommended', 'optional'] as const;
export const DIRECTIONS = ['outbound', 'inbound', 'local'] as const;
export const PROTOCOLS = ['tcp', 'udp'] as const;
export const FLAG_KINDS = [
	/** a cell or value the source leaves empty */
	'incomplete',
	/** the source can be read more than one way */
	'ambiguous',
	/** two parts of the source disagree, or a value contradicts the protocol it names */
	'contradiction',
	/** an apparent misspelling in the source, kept as written */
	'typo',
	/** allowing this destination is itself a risk (e.g. a hijacked domain) */
	'security-risk',
	/** table columns in the source are shifted or merged */
	'layout',
	/** the document is silent and netready fills the gap (a product, platform or port it applies a rule to); the text says what and why */
	'interpretation'
] as const;
/**
 * What makes a security risk acceptable: `allow-only-from-sources` — the vendor needs the rule
 * (e.g. inbound remote support), and it is safe enough only when limited to the rule's sources.
 * Without a mitigation, a security-risk destination is left out of every allow-list.
 */
export const FLAG_MITIGATIONS = ['allow-only-from-sources'] as const;
/**
 * What a requirement is for, in a small closed vocabulary, so a clinician can be told "video
 * traffic is blocked" rather than a vendor's table text (docs/data.md lists when each is used).
 */
export const PURPOSES = [
	/** call video and sound: media ports, STUN/TURN relays, media servers */
	'video',
	/** the live connection that sets up and controls a call (signalling, WebSocket) */
	'call-setup',
	/** the application's own web and app servers */
	'web-app',
	/** signing users in, enrolling devices */
	'sign-in',
	/** records, documents, appointments, Spine messages, record streaming */
	'clinical-data',
	/** messages between users and workstations (EMIS LAN messaging, instant messages, email) */
	'messaging',
	/** software and firmware updates, patches and downloads */
	'updates',
	/** managing and monitoring devices remotely */
	'device-management',
	/** crash reports, logs and performance figures */
	'logging',
	/** the clock (NTP) */
	'time-sync',
	/** looking up server names (DNS) */
	'name-lookup',
	/** the vendor's support: remote control, support chat, support desk */
	'remote-support',
	/** checking that a Wi-Fi connection reaches the internet (captive portal) */
	'connectivity-check',
	/** network settings that are not a connection (addressing, segments, proxies, policies) */
	'network-setup'
] as const;

export const MANUAL_REASONS = [
	/** raw TCP to a port the browser cannot reach with fetch/WebSocket/TURN */
	'raw-tcp',
	/** NTP (UDP 123) */
	'ntp',
	/** DNS resolver reachability (UDP/TCP 53) is only implied by the browser */
	'dns',
	/** plain HTTP on port 80 from an HTTPS page is blocked as mixed content */
	'plain-http',
	/** connections made towards the site, not from it */
	'inbound',
	/** traffic inside the local network (LAN UDP, client-to-client) */
	'local-network',
	/** private N3/HSCN addresses the browser has no route to, or no host to name */
	'private-network',
	/** a UDP/TCP port range for media that only a real call uses */
	'media-range',
	/** the source gives no destination to test against */
	'no-destination',
	/** netready deliberately does not contact it: a security risk, or a name that cannot exist as written */
	'withheld',
	/** device provisioning (DHCP, VLAN, TLS inspection) that is not a network flow */
	'not-a-flow'
] as const;

export type Level = (typeof LEVELS)[number];
export type Direction = (typeof DIRECTIONS)[number];
export type Protocol = (typeof PROTOCOLS)[number];
export type FlagKind = (typeof FLAG_KINDS)[number];
export type FlagMitigation = (typeof FLAG_MITIGATIONS)[number];
export type ManualReason = (typeof MANUAL_REASONS)[number];
export type Purpose = (typeof PURPOSES)[number];

// THE id rule lives in its own module so that links can check ids without loading valibot.
export { ID_PATTERN };

const Id = v.pipe(v.string(), v.regex(ID_PATTERN, 'ids are lower-case kebab-case, dot-separated'));
const Text = v.pipe(v.string(), v.minLength(1));

const Port = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535));

export const PortRangeSchema = v.pipe(
	v.strictObject({ protocol: v.picklist(PROTOCOLS), from: Port, to: Port }),
	v.check((r) => r.from <= r.to, 'a port range must not run backwards')
);

const Common = {
	/** grouping label as the source writes it, e.g. "Region US East Coast" or "US West - ws.xirsys.com" */
	group: v.optional(Text),
	note: v.optional(Text)
};

/**
 * A destination (or, for inbound rules, a source) as the document gives it.
 * Values are validated semantically in validate.ts (hostnames, wildcards, IPs, CIDRs, ranges).
 */
export const DestinationSchema = v.variant('kind', [
	/** an exact host name: global.stun.twilio.com */
	v.strictObject({ kind: v.literal('host'), value: Text, ...Common }),
	/** a wildcard as written: *.amwell.com, or the unusual *turn.whereby.com */
	v.strictObject({ kind: v.literal('wildcard'), value: Text, ...Common }),
	/** a URL as written; its host may be a wildcard: wss://*.emis-x.uk */
	v.strictObject({ kind: v.literal('url'), value: Text, ...Common }),
	v.strictObject({ kind: v.literal('ip'), value: Text, ...Common }),
	v.strictObject({ kind: v.literal('cidr'), value: Text, ...Common }),
	/** an inclusive IPv4/IPv6 range as the source writes it: "34.203.254.0 - 34.203.254.255" */
	v.strictObject({ kind: v.literal('ip-range'), from: Text, to: Text, ...Common }),
	/** a named set of addresses defined in the same document (e.g. EMIS "Table 1") */
	v.strictObject({ kind: v.literal('address-set'), ref: Id, ...Common }),
	/** a network named in words only: "Amazon Web Services", "Local site(s)", "GP Surgery" */
	v.strictObject({ kind: v.literal('network'), value: Text, ...Common })
]);

export const FlagSchema = v.strictObject({
	kind: v.picklist(FLAG_KINDS),
	text: Text,
	/** only for security-risk flags: how the risk may be accepted (validate.ts checks where) */
	mitigation: v.optional(v.picklist(FLAG_MITIGATIONS))
});

/** One concrete thing a browser can try. The url is also the probe's identity: equal urls share one probe. */
export const ProbeTargetSchema = v.strictObject({
	kind: v.picklist(PROBE_KINDS),
	/** stun:host:port | turn:host:port?transport=udp|tcp | turns:host:port?transport=tcp | https://… | wss://… */
	url: Text,
	/** true when the host stands in for a wildcard or an unnamed destination: the note says why it was chosen */
	representative: v.optional(v.boolean()),
	note: v.optional(Text),
	/**
	 * Public material (vendor documentation, published configurations) showing that this host
	 * serves this url. Required when a representative host is neither named by the document nor
	 * under one of its wildcards (it must then share the parent domain of a host it names).
	 */
	evidence: v.optional(Text)
});

/**
 * A test IT runs by hand that netready chose for a manual row, because the destinations as written
 * cannot answer it (e.g. only a wildcard, or a host that serves another port). Replaces the tests
 * derived from the destinations; the note says why this host and port.
 */
export const HandTestSchema = v.variant('kind', [
	v.strictObject({
		kind: v.literal('tcp'),
		host: Text,
		port: Port,
		note: Text
	}),
	v.strictObject({ kind: v.literal('http'), url: Text, note: Text })
]);

export const CheckSchema = v.variant('kind', [
	/** tested directly by these probes */
	v.strictObject({
		kind: v.literal('probe'),
		probes: v.pipe(v.array(ProbeTargetSchema), v.minLength(1))
	}),
	/** not tested directly; concluded from these probes, as the reason explains */
	v.strictObject({
		kind: v.literal('inferred'),
		from: v.pipe(v.array(ProbeTargetSchema), v.minLength(1)),
		reason: Text
	}),
	/** a browser cannot test this; IT runs the manual commands generated from the rule */
	v.strictObject({
		kind: v.literal('manual'),
		reason: v.picklist(MANUAL_REASONS),
		detail: v.optional(Text),
		testWith: v.optional(v.pipe(v.array(HandTestSchema), v.minLength(1)))
	})
]);

export const RequirementSchema = v.strictObject({
	/** stable, globally unique, prefixed with the product id */
	id: Id,
	/** section heading in the source document */
	section: Text,
	/** the service/application/requirement name as the source writes it */
	service: Text,
	/** what it is for, from the closed vocabulary PURPOSES */
	purpose: v.picklist(PURPOSES),
	/** one plain-language sentence for a non-expert: what this is for */
	description: Text,
	level: v.picklist(LEVELS),
	/** the level cell verbatim, e.g. "Mandatory (select either Preferred Media or Media (STUN/TURN) below)" */
	levelText: Text,
	direction: v.picklist(DIRECTIONS),
	/** verbatim cells; an empty string records an empty cell */
	transportText: v.optional(v.string()),
	portsText: v.optional(v.string()),
	ruleText: v.optional(v.string()),
	ports: v.array(PortRangeSchema),
	/** for NTP, DNS, etc.: the application protocol carried over ports */
	application: v.optional(
		v.picklist([
			'http',
			'https',
			'wss',
			'dns',
			'ntp',
			'stun',
			'turn',
			'mqtts',
			'rdp',
			'vnc',
			'dhcp',
			'xmpp'
		])
	),
	destinations: v.array(DestinationSchema),
	/** for inbound/local rules: where the traffic comes from */
	sources: v.optional(v.array(DestinationSchema)),
	/** the vendor's own words attached to this row (footnotes, notes), verbatim from the source */
	notes: v.optional(v.array(Text)),
	/** netready's own remarks on this row, kept apart from the vendor's words */
	remarks: v.optional(v.array(Text)),
	flags: v.optional(v.array(FlagSchema)),
	/** "select one of" alternatives: every member of a group shares the group id */
	alternative: v.optional(
		v.strictObject({ group: Id, role: v.picklist(['preferred', 'fallback']) })
	),
	/** the rule may be skipped under a stated condition ("in case the client has their own NTP servers") */
	optOut: v.optional(Text),
	check: CheckSchema
});

export const SourceDocumentSchema = v.strictObject({
	id: Id,
	title: Text,
	publisher: Text,
	/** ISO date the document says it was updated, if it says */
	updated: v.optional(v.pipe(v.string(), v.isoDate())),
	/** where the text is kept in this repository */
	file: Text,
	flags: v.optional(v.array(FlagSchema))
});

export const AddressSetSchema = v.strictObject({
	id: Id,
	name: Text,
	description: v.optional(Text),
	entries: v.array(DestinationSchema)
});

export const ProductSchema = v.strictObject({
	id: Id,
	name: Text,
	vendor: Text,
	/** what the product is, for a clinician or patient */
	summary: Text,
	/** video products get a "video calls will work" style verdict */
	kind: v.picklist(['video', 'clinical-system', 'device']),
	source: Id,
	/** products whose requirements also apply (e.g. TV Kit 200S needs Converge's too) */
	requires: v.optional(v.array(Id)),
	/** the vendor's own words about the product, verbatim from the source */
	notes: v.optional(v.array(Text)),
	/** netready's own remarks on the product, kept apart from the vendor's words */
	remarks: v.optional(v.array(Text)),
	flags: v.optional(v.array(FlagSchema)),
	requirements: v.pipe(v.array(RequirementSchema), v.minLength(1))
});

/** One file under data/: one source document and the products it describes. */
export const DataFileSchema = v.strictObject({
	$schema: v.optional(v.string()),
	source: SourceDocumentSchema,
	addressSets: v.optional(v.array(AddressSetSchema)),
	products: v.pipe(v.array(ProductSchema), v.minLength(1))
});

export type PortRange = v.InferOutput<typeof PortRangeSchema>;
export type Destination = v.InferOutput<typeof DestinationSchema>;
export type Flag = v.InferOutput<typeof FlagSchema>;
export type ProbeTarget = v.InferOutput<typeof ProbeTargetSchema>;
export type ProbeKind = ProbeTarget['kind'];
export type Check = v.InferOutput<typeof CheckSchema>;
export type HandTest = v.InferOutput<typeof HandTestSchema>;
export type Requirement = v.InferOutput<typeof RequirementSchema>;
export type SourceDocument = v.InferOutput<typeof SourceDocumentSchema>;
export type AddressSet = v.InferOutput<typeof AddressSetSchema>;
export type Product = v.InferOutput<typeof ProductSchema>;
export type DataFile = v.InferOutput<typeof DataFileSchema>;
