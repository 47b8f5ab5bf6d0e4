/** simple-peer's prebuilt browser bundle (UMD, its Node polyfills inside); types as the package's. */
declare module 'simple-peer/simplepeer.min.js' {
	import type SimplePeer from 'simple-peer';
	const bundle: SimplePeer.SimplePeer;
	export default bundle;
}
