/**
 * A plausible trust's fleet for screenshots and the e2e test: wards, surgeries and home workers
 * with the verdicts and causes such networks give. Each entry: a name, a check time, verdicts for
 * the products checked, and the diagnosed causes (undefined: no diagnosis, an older result).
 */
const VIDEO = ['accurx-vc-clinician', 'accurx-vc-patient', 'amwell-converge', 'amwell-home'];
const ALL = [...VIDEO, 'emis-web', 'emis-web-mobile', 'medserve-cabinet'];
const all = (verdict, overrides = {}) => ({
	...Object.fromEntries(ALL.map((id) => [id, verdict])),
	...overrides
});

export const SAMPLE_SITES = [
	{
		name: 'Ward 3 (Oak)',
		at: '2026-11-24T08:10:00Z',
		verdicts: all('ready', { 'amwell-converge': 'not-ready', 'accurx-vc-clinician': 'degraded' }),
		causes: ['udp-blocked']
	},
	{ name: 'Ward 3 (Oak)', at: '2026-12-01T08:05:00Z', verdicts: all('ready'), causes: [] },
	{ name: 'Ward 5 (Ash)', at: '2026-11-24T08:20:00Z', verdicts: all('ready'), causes: [] },
	{
		name: 'Ward 5 (Ash)',
		at: '2026-12-01T08:15:00Z',
		verdicts: all('ready', { 'amwell-converge': 'not-ready', 'amwell-home': 'not-ready' }),
		causes: ['stun-turn-ports-blocked']
	},
	{
		name: 'Elm Road Surgery',
		at: '2026-11-30T13:40:00Z',
		verdicts: all('ready', { 'medserve-cabinet': 'unknown' }),
		causes: []
	},
	{
		name: 'Riverside Health Centre',
		at: '2026-11-29T10:02:00Z',
		verdicts: all('not-ready', { 'emis-web': 'degraded' }),
		causes: ['tls-intercepted', 'proxy']
	},
	{
		name: 'Maternity outpatients',
		at: '2026-11-28T15:30:00Z',
		verdicts: Object.fromEntries(VIDEO.map((id) => [id, 'degraded'])),
		causes: ['only-tcp-443']
	},
	{
		name: 'Home worker — J. Patel',
		at: '2026-11-27T19:12:00Z',
		verdicts: { 'accurx-vc-clinician': 'ready', 'emis-web': 'ready' },
		causes: ['slow-link']
	},
	{
		name: 'Community team van (4G)',
		at: '2026-11-26T11:45:00Z',
		verdicts: all('unknown'),
		causes: ['offline']
	},
	{
		name: 'Old Mill branch site',
		at: '2026-10-02T09:00:00Z',
		verdicts: all('ready', { 'amwell-converge': 'degraded' }),
		causes: undefined
	},
	{
		name: 'A&E reception',
		at: '2026-11-30T07:55:00Z',
		verdicts: all('ready', { 'accurx-vc-patient': 'not-ready' }),
		causes: ['websocket-blocked']
	},
	{
		name: 'Pharmacy',
		at: '2026-11-30T09:30:00Z',
		verdicts: { 'medserve-cabinet': 'ready', 'emis-web': 'ready' },
		causes: ['local-firewall']
	}
];
