import { boot, el } from './staff.js';
boot((me) => document.getElementById('main').append(el('p', {}, 'Signed in as ' + me.name)));
