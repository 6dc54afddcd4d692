/*
 * Reference probabilities of face-api's own expression network, for the test that compares
 * Facet's DJL import against it (bundles/facet.nn.faceapi.tests).
 *
 * Runs @vladmandic/face-api 1.7.15 (dist/face-api.node-wasm.js) offline on tfjs 4.22.0 with the
 * wasm backend, on 112x112 face crops cut from the package's demo photos at fixed boxes. Writes
 * the crops as PNG (the test's input: lossless, so both sides see the same pixels) and
 * faceapi-reference.json with the probabilities.
 *
 *   releng/setup.sh                    (fetches face-api and the node packages into $FACET_CACHE)
 *   node releng/reference/faceapi-reference.js [output folder]
 *
 * Default output: the test bundle's resource folder.
 */
'use strict';

const path = require('path');
const os = require('os');

const cache = process.env.FACET_CACHE || path.join(os.homedir(), '.cache', 'facet');
const faceApiDir = path.join(cache, 'face-api');
const nodeModules = path.join(cache, 'faceapi-reference', 'node_modules');
// face-api's dist requires @tensorflow/tfjs by name from its own folder: resolve it in the cache
process.env.NODE_PATH = nodeModules + (process.env.NODE_PATH ? path.delimiter + process.env.NODE_PATH : '');
require('module').Module._initPaths();

const fs = require('fs');
const zlib = require('zlib');

const SIZE = 112;
const DEFAULT_OUTPUT = path.join(__dirname, '..', '..', 'bundles', 'facet.nn.faceapi.tests', 'src', 'facet', 'nn', 'faceapi', 'tests', 'reference');

/** Square boxes [x, y, side] around faces that face-api's SSD detector found (minConfidence 0.5). */
const CROPS = [
	{ name: 'sample1-a', photo: 'sample1.jpg', box: [818, 421, 227] },
	{ name: 'sample1-b', photo: 'sample1.jpg', box: [384, 355, 238] },
	{ name: 'sample2-a', photo: 'sample2.jpg', box: [1422, 153, 243] },
	{ name: 'sample3-a', photo: 'sample3.jpg', box: [549, 329, 271] },
	{ name: 'sample4-a', photo: 'sample4.jpg', box: [215, 184, 246] },
	{ name: 'sample5-a', photo: 'sample5.jpg', box: [759, 109, 212] },
	{ name: 'sample6-a', photo: 'sample6.jpg', box: [1135, 305, 280] },
];

function fail(message) {
	console.error(`faceapi-reference: ${message}`);
	process.exit(1);
}

function requireOrFail(name) {
	try {
		return require(name);
	} catch (e) {
		return fail(`cannot load ${name} (${e.message}); run releng/setup.sh to install it under ${nodeModules}`);
	}
}

/** Area-average downscale of the square [x, y, side] of an RGB image to SIZE x SIZE, rounded to bytes. */
function crop(image, [x0, y0, side]) {
	if (x0 < 0 || y0 < 0 || x0 + side > image.width || y0 + side > image.height) {
		fail(`box ${[x0, y0, side]} is outside the ${image.width}x${image.height} photo`);
	}
	const out = new Uint8Array(SIZE * SIZE * 3);
	const step = side / SIZE;
	for (let oy = 0; oy < SIZE; oy++) {
		const sy0 = oy * step, sy1 = sy0 + step;
		for (let ox = 0; ox < SIZE; ox++) {
			const sx0 = ox * step, sx1 = sx0 + step;
			const sum = [0, 0, 0];
			let area = 0;
			for (let y = Math.floor(sy0); y < Math.ceil(sy1); y++) {
				const wy = Math.min(y + 1, sy1) - Math.max(y, sy0);
				for (let x = Math.floor(sx0); x < Math.ceil(sx1); x++) {
					const w = wy * (Math.min(x + 1, sx1) - Math.max(x, sx0));
					const i = ((y0 + y) * image.width + x0 + x) * 3;
					for (let c = 0; c < 3; c++) sum[c] += w * image.data[i + c];
					area += w;
				}
			}
			for (let c = 0; c < 3; c++) out[(oy * SIZE + ox) * 3 + c] = Math.round(sum[c] / area);
		}
	}
	return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(buffer) {
	let c = 0xffffffff;
	for (const b of buffer) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGB PNG, filter 0 on every row. */
function png(rgb, width, height) {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, 2, 0, 0, 0], 8);
	const raw = Buffer.alloc(height * (width * 3 + 1));
	for (let y = 0; y < height; y++) {
		raw[y * (width * 3 + 1)] = 0;
		Buffer.from(rgb.buffer, rgb.byteOffset + y * width * 3, width * 3).copy(raw, y * (width * 3 + 1) + 1);
	}
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header),
		chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

async function main() {
	const output = path.resolve(process.argv[2] || DEFAULT_OUTPUT);
	if (!fs.existsSync(path.join(faceApiDir, 'dist', 'face-api.node-wasm.js'))) {
		fail(`${faceApiDir} has no dist/face-api.node-wasm.js; run releng/setup.sh`);
	}
	const tf = requireOrFail('@tensorflow/tfjs');
	const wasm = requireOrFail('@tensorflow/tfjs-backend-wasm');
	const jpeg = requireOrFail('jpeg-js');
	const faceapi = require(path.join(faceApiDir, 'dist', 'face-api.node-wasm.js'));

	// a folder path, not a URL: the backend then reads the .wasm files from disk (no network)
	wasm.setWasmPaths(path.join(nodeModules, '@tensorflow', 'tfjs-backend-wasm', 'dist') + path.sep);
	await tf.setBackend('wasm');
	await tf.ready();
	await faceapi.nets.faceExpressionNet.loadFromDisk(path.join(faceApiDir, 'model'));

	fs.mkdirSync(output, { recursive: true });
	const photos = new Map();
	const results = [];
	for (const c of CROPS) {
		if (!photos.has(c.photo)) {
			photos.set(c.photo, jpeg.decode(fs.readFileSync(path.join(faceApiDir, 'demo', c.photo)),
				{ useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 1024 }));
		}
		const pixels = crop(photos.get(c.photo), c.box);
		fs.writeFileSync(path.join(output, `${c.name}.png`), png(pixels, SIZE, SIZE));
		const input = tf.tensor3d(pixels, [SIZE, SIZE, 3], 'int32');
		const expressions = await faceapi.nets.faceExpressionNet.predictExpressions(input);
		input.dispose();
		const probabilities = {};
		for (const label of faceapi.FACE_EXPRESSION_LABELS) probabilities[label] = expressions[label];
		results.push({ image: `${c.name}.png`, photo: c.photo, box: c.box, probabilities });
	}
	const reference = {
		generator: 'releng/reference/faceapi-reference.js',
		faceApi: faceapi.version,
		tfjs: tf.version_core,
		backend: tf.getBackend(),
		labels: faceapi.FACE_EXPRESSION_LABELS,
		crops: results,
	};
	fs.writeFileSync(path.join(output, 'faceapi-reference.json'), `${JSON.stringify(reference, null, '\t')}\n`);
	console.log(`faceapi-reference: ${results.length} crops and faceapi-reference.json in ${output} (face-api ${faceapi.version}, tfjs ${tf.version_core}, ${tf.getBackend()})`);
}

main().catch((e) => fail(e.stack || String(e)));
