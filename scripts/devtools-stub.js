// Stands in for react-devtools-core in the bundle (see bundle.mjs): Ink imports it only when DEV is set.
export default { initialize() {}, connectToDevTools() {} };
